using Dapper;

namespace AsnBot.Data.Rounds;

internal sealed class RoundStore(UnitOfWork work) : IRoundStore
{
    private const string Columns = """
        code AS Code, name AS Name, survey_id AS SurveyId, opens_at AS OpensAt, closes_at AS ClosesAt, created_at AS CreatedAt
        """;

    private const string SelectAll = $"SELECT {Columns} FROM survey_round ORDER BY opens_at, code";
    private const string SelectUnits = "SELECT round_code AS RoundCode, unit_code AS UnitCode FROM survey_round_unit ORDER BY round_code, unit_code";

    private const string Insert = """
        INSERT INTO survey_round (code, name, survey_id, opens_at, closes_at, created_at)
        VALUES (@Code, @Name, @SurveyId, @OpensAt, @ClosesAt, @CreatedAt)
        """;

    private const string InsertUnit = "INSERT INTO survey_round_unit (round_code, unit_code) VALUES (@round, @unit)";
    private const string UpdateTimes = "UPDATE survey_round SET opens_at = @OpensAt, closes_at = @ClosesAt WHERE code = @Code";

    private const string SelectSubmittedPerUnit = """
        SELECT unit_code AS UnitCode, COUNT(*) AS Count FROM response
        WHERE round_code = @round AND status = 'submitted'
        GROUP BY unit_code
        """;

    /// <summary>Every round with its units, earliest first. Rounds are few (a couple a year).</summary>
    public IReadOnlyList<RoundRow> All()
    {
        var units = work.Connection.Query<(string RoundCode, string UnitCode)>(SelectUnits, transaction: work.Transaction)
            .ToLookup(u => u.RoundCode, u => u.UnitCode, StringComparer.Ordinal);
        return [.. work.Connection.Query<RoundRow>(SelectAll, transaction: work.Transaction)
            .Select(r => r with { Units = [.. units[r.Code]] })];
    }

    public RoundRow? Find(string code) =>
        All().FirstOrDefault(r => string.Equals(r.Code, code, StringComparison.OrdinalIgnoreCase));

    public void Add(RoundRow round)
    {
        work.Connection.Execute(Insert, round, work.Transaction);
        work.Connection.Execute(InsertUnit, round.Units.Select(unit => new { round = round.Code, unit }), work.Transaction);
    }

    public void SetTimes(RoundRow round) => work.Connection.Execute(UpdateTimes, round, work.Transaction);

    /// <summary>Submitted responses of the round per unit.</summary>
    public IReadOnlyDictionary<string, int> SubmittedPerUnit(string round) =>
        work.Connection.Query<(string UnitCode, long Count)>(SelectSubmittedPerUnit, new { round }, work.Transaction)
            .ToDictionary(r => r.UnitCode, r => (int)r.Count, StringComparer.OrdinalIgnoreCase);
}
