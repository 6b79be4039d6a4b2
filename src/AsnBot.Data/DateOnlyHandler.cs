using System.Data;
using System.Globalization;
using Dapper;

namespace AsnBot.Data;

/// <summary>
/// Days are stored as text, "yyyy-MM-dd" (Microsoft.Data.Sqlite's own format for a DateOnly parameter), for every
/// provider: PostgreSQL would otherwise get a <c>date</c> parameter and refuse to compare it with the stored text.
/// </summary>
internal sealed class DateOnlyHandler : SqlMapper.ITypeHandler
{
    private const string Stored = "yyyy-MM-dd";

    /// <summary>As for <see cref="DateTimeOffsetHandler.Register"/>: DateOnly leaves Dapper's built-in map so this handler writes it.</summary>
    public static void Register()
    {
        SqlMapper.RemoveTypeMap(typeof(DateOnly));
        SqlMapper.AddTypeHandler(typeof(DateOnly), new DateOnlyHandler());
    }

    public void SetValue(IDbDataParameter parameter, object value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = value is DateOnly day ? day.ToString(Stored, CultureInfo.InvariantCulture) : DBNull.Value;
    }

    public object Parse(Type destinationType, object value) =>
        DateOnly.ParseExact((string)value, Stored, CultureInfo.InvariantCulture);
}
