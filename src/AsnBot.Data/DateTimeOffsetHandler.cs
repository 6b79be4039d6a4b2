using System.Data;
using System.Globalization;
using Dapper;

namespace AsnBot.Data;

/// <summary>
/// Instants are stored as text, "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz": Microsoft.Data.Sqlite's own format for a
/// DateTimeOffset parameter, which the bot has always stored (the clock's instants are UTC, so they sort as text).
/// This writes them so for every provider (PostgreSQL gets the same text, not a timestamptz) and reads them back.
/// </summary>
internal sealed class DateTimeOffsetHandler : SqlMapper.ITypeHandler
{
    private const string Stored = "yyyy-MM-dd HH:mm:ss.FFFFFFFzzz";

    /// <summary>
    /// Dapper passes a type of its built-in map straight to the driver and asks a handler only for types outside it:
    /// DateTimeOffset leaves the map, so this handler writes it (and DateTimeOffset? too).
    /// </summary>
    public static void Register()
    {
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.AddTypeHandler(typeof(DateTimeOffset), new DateTimeOffsetHandler());
    }

    /// <summary>Text, a missing instant included: PostgreSQL cannot tell the type of an untyped null in "@from IS NULL".</summary>
    public void SetValue(IDbDataParameter parameter, object value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value is DateTimeOffset instant ? instant.ToString(Stored, CultureInfo.InvariantCulture) : DBNull.Value;
    }

    public object Parse(Type destinationType, object value) =>
        DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    /// <summary>The stored text of the instant in UTC, for comparing with stored UTC instants in code.</summary>
    internal static string Format(DateTimeOffset value) => value.ToUniversalTime().ToString(Stored, CultureInfo.InvariantCulture);
}
