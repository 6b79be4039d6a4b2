using System.Globalization;
using System.Text;
using AsnBot.Complaints;
using AsnBot.Data;
using AsnBot.Data.Rounds;
using AsnBot.Survey;
using Microsoft.Extensions.Options;

namespace AsnBot.Rounds;

/// <summary>What an admin asks for: dates are whole days in WIB, the closing day included.</summary>
/// <param name="Code">Code for exports and reports; made from the name when null.</param>
/// <param name="Name">Name residents and admins see.</param>
/// <param name="Opens">First day.</param>
/// <param name="Closes">Last day (included).</param>
/// <param name="Units">Codes of the units surveyed.</param>
/// <param name="Survey">The survey definition's id; the built-in one (the SKM) when null.</param>
public sealed record RoundRequest(string? Code, string Name, DateOnly Opens, DateOnly Closes, IReadOnlyList<string> Units, string? Survey = null);

/// <summary>
/// Creates, opens and closes rounds for the admin conversation and the CLI alike, with the same rules:
/// known units, a closing day not before the opening day and not past, and no two rounds taking responses
/// for the same unit at the same time (so the unit alone says which round a response belongs to).
/// </summary>
public sealed class RoundPlanner(SurveyDefinition survey, IOptions<SurveyOptions> options)
{
    public const int MaxNameLength = 80;
    private const int MaxCodeLength = 32;

    public IReadOnlyList<ServiceUnit> Units => options.Value.Units;

    public string SurveyName => $"{survey.Id} v{survey.Version}";

    /// <summary>"Semester I 2027" → "semester-i-2027": the code exports and reports use.</summary>
    public static string CodeFor(string name)
    {
        var code = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                code.Append(c);
            }
            else if (code.Length > 0 && code[^1] != '-')
            {
                code.Append('-');
            }
        }

        return code.ToString(0, Math.Min(code.Length, MaxCodeLength)).Trim('-');
    }

    public static string Describe(RoundRow round) => string.Create(
        CultureInfo.InvariantCulture,
        $"{round.OpensAt.ToOffset(WorkingDays.Wib):dd-MM-yyyy} – {round.ClosesAt.ToOffset(WorkingDays.Wib).AddTicks(-1):dd-MM-yyyy}");

    public RoundRow Create(IUnitOfWork work, RoundRequest request, DateTimeOffset now)
    {
        var name = request.Name.Trim();
        if (name.Length is 0 or > MaxNameLength)
        {
            throw new RoundRefusedException("round.error.name", MaxNameLength);
        }

        var code = string.IsNullOrWhiteSpace(request.Code) ? CodeFor(name) : request.Code.Trim();
        if (code.Length is 0 or > MaxCodeLength || !code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new RoundRefusedException("round.error.code", code);
        }

        if (request.Survey is { } surveyId && !string.Equals(surveyId, survey.Id, StringComparison.OrdinalIgnoreCase))
        {
            throw new RoundRefusedException("round.error.survey", surveyId, survey.Id);
        }

        if (request.Closes < request.Opens)
        {
            throw new RoundRefusedException("round.error.order");
        }

        var round = new RoundRow
        {
            Code = code,
            Name = name,
            SurveyId = survey.Id,
            OpensAt = WorkingDays.StartOfDay(request.Opens),
            ClosesAt = WorkingDays.StartOfDay(request.Closes.AddDays(1)),
            CreatedAt = now,
            Units = [.. KnownUnits(request.Units).Order(StringComparer.Ordinal)],
        };
        if (round.ClosesAt <= now)
        {
            throw new RoundRefusedException("round.error.past");
        }

        var store = work.Rounds;
        if (store.Find(code) is not null)
        {
            throw new RoundRefusedException("round.error.exists", code);
        }

        CheckOverlap(store, round);
        store.Add(round);
        return round;
    }

    /// <summary>Takes responses from now on (until its closing day, which must still be ahead).</summary>
    public static RoundRow Open(IUnitOfWork work, string code, DateTimeOffset now)
    {
        var store = work.Rounds;
        var round = Existing(store, code);
        if (round.IsOpen(now))
        {
            throw new RoundRefusedException("round.error.alreadyOpen", round.Name);
        }

        if (round.ClosesAt <= now)
        {
            throw new RoundRefusedException("round.error.closed", round.Name);
        }

        var opened = round with { OpensAt = now };
        CheckOverlap(store, opened);
        store.SetTimes(opened);
        return opened;
    }

    /// <summary>Stops taking responses now; drafts of it can no longer be sent.</summary>
    public static RoundRow Close(IUnitOfWork work, string code, DateTimeOffset now)
    {
        var store = work.Rounds;
        var round = Existing(store, code);
        if (!round.IsOpen(now))
        {
            throw new RoundRefusedException("round.error.notOpen", round.Name);
        }

        var closed = round with { ClosesAt = now };
        store.SetTimes(closed);
        return closed;
    }

    private static RoundRow Existing(IRoundStore store, string code) =>
        store.Find(code) ?? throw new RoundRefusedException("round.error.unknown", code);

    private static void CheckOverlap(IRoundStore store, RoundRow round)
    {
        if (store.All().FirstOrDefault(other => other.Code != round.Code && other.Overlaps(round)) is { } clash)
        {
            throw new RoundRefusedException("round.error.overlap", clash.Name, Describe(clash));
        }
    }

    private IEnumerable<string> KnownUnits(IReadOnlyList<string> requested)
    {
        if (requested.Count == 0)
        {
            throw new RoundRefusedException("round.error.noUnits");
        }

        foreach (var code in requested.Distinct(StringComparer.OrdinalIgnoreCase))
        {
            yield return Units.FirstOrDefault(u => string.Equals(u.Code, code, StringComparison.OrdinalIgnoreCase))?.Code
                ?? throw new RoundRefusedException("round.error.unit", code);
        }
    }
}
