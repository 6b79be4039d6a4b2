using AsnBot.Data;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace AsnBot.Dashboard;

/// <summary>
/// The dashboard's web server (Kestrel) inside the bot's generic host: started and stopped with it, reading the
/// same singletons (database, report builders, texts, clock) the bot and the CLI use. Pages are HTML made on the
/// server; charts are inline SVG; nothing is fetched from another site.
/// </summary>
public sealed partial class DashboardServer(
    IServiceProvider services, IOptions<DashboardOptions> options, DashboardAddress address, ILoggerFactory loggers) : IHostedService, IAsyncDisposable
{
    public const string CookieName = "asnbot_dasbor";
    public const string UserClaim = "uid";

    private readonly ILogger _logger = loggers.CreateLogger<DashboardServer>();
    private WebApplication? _app;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(loggers);

        // The bot's host already says when it starts and stops.
        builder.Services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true);
        builder.WebHost.UseUrls(options.Value.Url);
        builder.Services.AddSingleton(services.GetRequiredService<TimeProvider>());

        // Sessions end when the process does: keys are kept in memory only, nothing to guard on disk.
        builder.Services.AddDataProtection().UseEphemeralDataProtectionProvider();
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "asnbot_csrf";
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = CookieName;
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = DashboardOptions.SessionLifetime;
            o.SlidingExpiration = false;
            o.TimeProvider = services.GetRequiredService<TimeProvider>();
        });
        builder.Services.Configure<ForwardedHeadersOptions>(o => o.ForwardedHeaders = ForwardedHeaders.XForwardedProto);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseAuthentication();
        DashboardRoutes.Map(app, services, app.Services.GetRequiredService<IAntiforgery>());
        await app.StartAsync(cancellationToken);
        _app = app;
        var url = app.Urls.First();
        address.Listening(url);
        LogListening(_logger, url);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_app is { } app)
        {
            await app.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.DisposeAsync();
        }
    }

    /// <summary>Adds the server when Dashboard:Enabled is true; /dasbor answers that it is off otherwise.</summary>
    public static void AddTo(IServiceCollection services, bool enabled)
    {
        services.AddSingleton(s => s.GetRequiredService<IDatabase>().DashboardQueries);
        if (enabled)
        {
            services.AddHostedService<DashboardServer>();
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dashboard listening on {Url}")]
    private static partial void LogListening(ILogger logger, string url);
}
