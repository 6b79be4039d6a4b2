using System.Globalization;
using System.Net;
using System.Text;
using AsnBot.Reports.Ikm;
using AsnBot.Texts;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;

namespace AsnBot.Dashboard;

/// <summary>
/// One HTML page being written: texts in the viewer's language, numbers as that language writes them, every value
/// HTML-encoded, and every form carrying the anti-forgery token. The layout fits a phone (one column, tables scroll).
/// </summary>
internal sealed class Page(HttpContext http, TextCatalog texts, Language language, DashboardViewer? viewer, IAntiforgery antiforgery)
{
    private const string Style = """
        *{box-sizing:border-box}body{font-family:system-ui,sans-serif;margin:0;color:#1b1f24;background:#f6f7f9;line-height:1.4}
        header{background:#0b4f6c;color:#fff;padding:.6rem 1rem;display:flex;flex-wrap:wrap;gap:.6rem;align-items:center}
        header a,header button{color:#fff;background:none;border:0;font:inherit;cursor:pointer;text-decoration:underline}
        header form{display:inline;margin:0}header .brand{font-weight:700;margin-right:auto;text-decoration:none}
        main{padding:1rem;max-width:1100px;margin:auto}h1{font-size:1.35rem}h2{font-size:1.1rem;margin-top:1.6rem}
        .scroll{overflow-x:auto}table{border-collapse:collapse;background:#fff;min-width:100%}
        th,td{border:1px solid #d5d9de;padding:.35rem .5rem;text-align:left;vertical-align:top}td.n{text-align:right;white-space:nowrap}
        .warn{color:#9a3412;font-weight:600}.up{color:#166534}.down{color:#b91c1c}.muted{color:#5b6570}
        svg{max-width:100%;height:auto;background:#fff}.bar{background:#0b4f6c;height:.7rem;display:inline-block}
        input[type=search]{padding:.4rem;width:min(100%,22rem)}button.primary{background:#0b4f6c;color:#fff;border:0;padding:.6rem 1.2rem;font-size:1rem;border-radius:4px}
        ul.saran li{background:#fff;border:1px solid #d5d9de;padding:.5rem;margin:.4rem 0;list-style:none}ul.saran{padding:0}
        """;

    private static readonly NumberFormatInfo English = CultureInfo.InvariantCulture.NumberFormat;
    private readonly StringBuilder _body = new();

    public Language Language => language;

    public DashboardViewer? Viewer => viewer;

    public string T(string key) => texts.Get(language, key);

    public string T(string key, params object?[] args) => texts.Format(language, key, args);

    public static string E(string? text) => WebUtility.HtmlEncode(text ?? string.Empty);

    /// <summary>Two decimals, as the report prints them (86,11 in Indonesian, 86.11 in English); "-" for none.</summary>
    public string Num(decimal? value, int decimals = 2) => language == Language.Id
        ? ReportNumbers.Fixed(value, decimals)
        : value is { } v ? Math.Round(v, decimals, MidpointRounding.AwayFromZero).ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), English) : "-";

    public static string Int(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "-";

    public Page Raw(string html)
    {
        _body.Append(html);
        return this;
    }

    public Page Heading(string text, int level = 2) => Raw($"<h{level}>{E(text)}</h{level}>");

    public Page Paragraph(string text, string? cssClass = null) =>
        Raw(cssClass is null ? $"<p>{E(text)}</p>" : $"<p class=\"{cssClass}\">{E(text)}</p>");

    /// <summary>A table in a scrolling box; cells are HTML already encoded by the caller (use <see cref="E"/>).</summary>
    public Page Table(IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows, string? id = null)
    {
        _body.Append("<div class=\"scroll\"><table").Append(id is null ? string.Empty : $" id=\"{id}\"").Append("><thead><tr>");
        foreach (var h in header)
        {
            _body.Append("<th>").Append(E(h)).Append("</th>");
        }

        _body.Append("</tr></thead><tbody>");
        foreach (var row in rows)
        {
            _body.Append("<tr>");
            foreach (var cell in row)
            {
                _body.Append(cell.StartsWith("<td", StringComparison.Ordinal) ? cell : $"<td>{cell}</td>");
            }

            _body.Append("</tr>");
        }

        _body.Append("</tbody></table></div>");
        return this;
    }

    /// <summary>A right-aligned number cell.</summary>
    public static string N(string text) => $"<td class=\"n\">{E(text)}</td>";

    /// <summary>A POST form with the anti-forgery token; <paramref name="inner"/> is HTML.</summary>
    public string Form(string action, string inner, string? id = null)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return $"<form method=\"post\" action=\"{E(action)}\"{(id is null ? string.Empty : $" id=\"{id}\"")}>"
            + $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">{inner}</form>";
    }

    public IResult Result(string title, int status = StatusCodes.Status200OK)
    {
        var html = new StringBuilder();
        var lang = language == Language.Id ? "id" : "en";
        html.Append(CultureInfo.InvariantCulture, $"<!DOCTYPE html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Append(CultureInfo.InvariantCulture, $"<title>{E(title)} · Dasbor AsnBot</title><style>{Style}</style></head><body><header>")
            .Append("<a class=\"brand\" href=\"/\">Dasbor AsnBot</a>");
        if (viewer is not null)
        {
            html.Append(CultureInfo.InvariantCulture, $"<a href=\"/\">{E(T("dash.nav.summary"))}</a>");
            foreach (var unit in viewer.IsAdmin ? Enumerable.Empty<string>() : viewer.Units.Order(StringComparer.Ordinal))
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"/unit/{Uri.EscapeDataString(unit)}\">{E(unit)}</a>");
            }

            html.Append(CultureInfo.InvariantCulture, $"<a href=\"/pengaduan\">{E(T("dash.nav.complaints"))}</a>");
            if (viewer.IsAdmin)
            {
                html.Append(CultureInfo.InvariantCulture, $"<a href=\"/putaran\">{E(T("dash.nav.rounds"))}</a>");
            }

            html.Append(Form("/keluar", $"<button type=\"submit\">{E(T("dash.nav.logout"))}</button>"));
        }

        var other = language == Language.Id ? "en" : "id";
        var back = http.Request.Path + http.Request.QueryString;
        html.Append(Form(
            "/bahasa",
            $"<input type=\"hidden\" name=\"lang\" value=\"{other}\"><input type=\"hidden\" name=\"back\" value=\"{E(back)}\">"
            + $"<button type=\"submit\" id=\"lang\">{(other == "en" ? "English" : "Bahasa Indonesia")}</button>"));
        html.Append("</header><main>").Append(CultureInfo.InvariantCulture, $"<h1>{E(title)}</h1>").Append(_body).Append("</main></body></html>");
        return Results.Content(html.ToString(), "text/html; charset=utf-8", Encoding.UTF8, status);
    }
}
