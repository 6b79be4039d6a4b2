using System.Globalization;
using System.Security.Claims;
using AsnBot.Data;
using AsnBot.Texts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.Dashboard;

/// <summary>
/// The dashboard's addresses. Every page looks the viewer's role up again on the server (a unit head asking for
/// another unit gets 403, whatever the link), and every POST is checked for the anti-forgery token.
/// </summary>
internal static class DashboardRoutes
{
    private const string LanguageCookie = "asnbot_bahasa";

    public static void Map(IEndpointRouteBuilder app, IServiceProvider services, IAntiforgery antiforgery)
    {
        var texts = services.GetRequiredService<TextCatalog>();
        var access = services.GetRequiredService<DashboardAccess>();
        var database = services.GetRequiredService<IDatabase>();
        var clock = services.GetRequiredService<TimeProvider>();

        Page NewPage(HttpContext http, DashboardViewer? viewer) => new(http, texts, LanguageOf(http), viewer, antiforgery);

        async Task<IResult> Guarded(HttpContext http, Func<DashboardViewer, bool> allowed, Func<Page, Task<IResult>> render)
        {
            var viewer = http.User.FindFirst(DashboardServer.UserClaim)?.Value is { } id && long.TryParse(id, CultureInfo.InvariantCulture, out var userId)
                ? access.Find(userId)
                : null;
            var page = NewPage(http, viewer);
            if (http.User.Identity?.IsAuthenticated != true)
            {
                return page.Paragraph(page.T("dash.login.needed")).Result(page.T("dash.login.title"), StatusCodes.Status401Unauthorized);
            }

            if (viewer is null || !allowed(viewer))
            {
                return page.Paragraph(page.T("dash.forbidden")).Result(page.T("dash.forbidden.title"), StatusCodes.Status403Forbidden);
            }

            if (HttpMethods.IsPost(http.Request.Method) && !await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            return await render(page);
        }

        app.MapGet("/masuk", (HttpContext http, string? t) =>
        {
            var page = NewPage(http, viewer: null);
            return page.Paragraph(page.T("dash.login.confirm"))
                .Raw(page.Form("/masuk", $"<input type=\"hidden\" name=\"t\" value=\"{Page.E(t)}\"><button class=\"primary\" type=\"submit\" id=\"masuk\">{Page.E(page.T("dash.login.button"))}</button>"))
                .Result(page.T("dash.login.title"));
        });

        app.MapPost("/masuk", async Task<IResult> (HttpContext http) =>
        {
            var page = NewPage(http, viewer: null);
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync();
            var token = form["t"].ToString();
            long? userId = null;
            if (token.Length > 0)
            {
                using var work = database.Begin();
                userId = work.DashboardLogins.Redeem(DashboardLinks.Hash(token), clock.GetUtcNow());
                work.Commit();
            }

            if (userId is not { } id || access.Find(id) is null)
            {
                return page.Paragraph(page.T("dash.login.refused")).Result(page.T("dash.login.title"), StatusCodes.Status403Forbidden);
            }

            var identity = new ClaimsIdentity([new Claim(DashboardServer.UserClaim, id.ToString(CultureInfo.InvariantCulture))], CookieAuthenticationDefaults.AuthenticationScheme);
            await http.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
            return Results.Redirect("/");
        });

        app.MapPost("/keluar", Task<IResult> (HttpContext http) => Guarded(http, _ => true, async _ =>
        {
            await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.Redirect("/masuk");
        }));

        app.MapPost("/bahasa", async Task<IResult> (HttpContext http) =>
        {
            if (!await antiforgery.IsRequestValidAsync(http))
            {
                return Results.BadRequest();
            }

            var form = await http.Request.ReadFormAsync();
            var language = form["lang"].ToString() == "en" ? "en" : "id";
            http.Response.Cookies.Append(LanguageCookie, language, new CookieOptions
            {
                HttpOnly = true,
                SameSite = SameSiteMode.Strict,
                Secure = http.Request.IsHttps,
                MaxAge = TimeSpan.FromDays(365),
            });

            // Only a path on this site: never an address elsewhere.
            var back = form["back"].ToString();
            return Results.Redirect(back.StartsWith('/') && !back.StartsWith("//", StringComparison.Ordinal) && !back.Contains('\\', StringComparison.Ordinal) ? back : "/");
        });

        app.MapGet("/", (HttpContext http, string? urut, CancellationToken ct) =>
            Guarded(http, _ => true, page => SummaryPage.RenderAsync(page, services, urut, ct)));
        app.MapMethods("/unit/{code}", [HttpMethods.Get, HttpMethods.Post], (HttpContext http, string code, CancellationToken ct) =>
            Guarded(http, v => v.CanSee(code), page => UnitPage.RenderAsync(page, services, code, http, ct)));
        app.MapGet("/pengaduan", (HttpContext http, CancellationToken ct) =>
            Guarded(http, _ => true, page => ComplaintsPage.RenderAsync(page, services, ct)));
        app.MapGet("/putaran", (HttpContext http, CancellationToken ct) =>
            Guarded(http, v => v.IsAdmin, page => RoundsPage.RenderAsync(page, services, ct)));
        app.MapGet("/unduh/{kind}", (HttpContext http, string kind, string? putaran, string? format, CancellationToken ct) =>
            Guarded(http, v => v.IsAdmin, page => Downloads.SendAsync(page, services, kind, putaran, format, ct)));
    }

    private static Language LanguageOf(HttpContext http) =>
        http.Request.Cookies.TryGetValue(LanguageCookie, out var code) && code == "en" ? Language.En : Language.Id;
}
