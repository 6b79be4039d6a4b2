using System.Data;
using System.Globalization;
using Dapper;

namespace AsnBot.Data;

/// <summary>
/// Instants are stored as text in UTC, "yyyy-MM-dd HH:mm:ss.FFFFFFF+00:00" (Microsoft.Data.Sqlite's own
/// format, which Dapper uses for parameters); all in UTC, they sort as text. This reads them back.
/// </summary>
internal sealed class DateTimeOffsetHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = Format(value);
    }

    public override DateTimeOffset Parse(object value) =>
        DateTimeOffset.Parse((string)value, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);

    internal static string Format(DateTimeOffset value) =>
        value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture);
}
