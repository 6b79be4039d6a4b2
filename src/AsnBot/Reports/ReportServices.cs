using AsnBot.Data;
using AsnBot.Data.Reports;
using AsnBot.Reports.Complaints;
using AsnBot.Reports.Export;
using AsnBot.Reports.Ikm;
using AsnBot.Reports.Trend;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AsnBot.Reports;

public static class ReportServices
{
    /// <summary>
    /// Exports and the IKM report. Their options are validated when first used, not at host start, so
    /// the bot runs without an export key; an export without one fails with a clear message.
    /// </summary>
    public static IServiceCollection AddReports(this IServiceCollection services)
    {
        services.AddOptions<ExportsOptions>().BindConfiguration(ExportsOptions.Section);
        services.AddSingleton<IValidateOptions<ExportsOptions>, ExportsOptionsValidator>();
        services.AddOptions<ReportsOptions>().BindConfiguration(ReportsOptions.Section);
        services.AddSingleton(s => s.GetRequiredService<IDatabase>().Reports);
        services.AddSingleton<ResponseExporter>();
        services.AddSingleton(s => s.GetRequiredService<IDatabase>().ComplaintReports);
        services.AddSingleton<ComplaintTimings>();
        services.AddSingleton<ComplaintFiguresBuilder>();
        services.AddSingleton<ComplaintExporter>();
        services.AddSingleton<IkmReportBuilder>();
        services.AddSingleton(s => s.GetRequiredService<IDatabase>().Trends);
        services.AddSingleton<TrendBuilder>();
        return services;
    }
}
