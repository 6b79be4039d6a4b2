using AsnBot.Complaints;
using AsnBot.Data;
using AsnBot.Data.Rounds;
using AsnBot.Hosting;
using AsnBot.Rounds;
using Microsoft.Extensions.DependencyInjection;

namespace AsnBot.IntegrationTests.Support;

/// <summary>The round integration tests answer in: open from yesterday for 30 days, every configured unit.</summary>
public static class RoundSeed
{
    public const string Code = "2026-IT";

    /// <summary>Creates the round through the product's planner (as <c>asnbot round create</c> does), once per database.</summary>
    /// <param name="storage">The storage settings of the database (Storage:Path, or the PostgreSQL provider and connection string).</param>
    public static void Ensure(IEnumerable<KeyValuePair<string, string?>> storage)
    {
        using var host = AppHost.CreateBuilder(new Dictionary<string, string?>(storage)).Build();
        var database = host.Services.GetRequiredService<SqlDatabase>();
        database.Migrate();
        var planner = host.Services.GetRequiredService<RoundPlanner>();
        using var work = database.Begin();
        if (work.Rounds.Find(Code) is null)
        {
            var today = WorkingDays.LocalDate(DateTimeOffset.UtcNow);
            planner.Create(work, new RoundRequest(Code, "Putaran uji", today.AddDays(-1), today.AddDays(30), [.. planner.Units.Select(u => u.Code)]), DateTimeOffset.UtcNow);
        }

        work.Commit();
    }
}
