using AsnBot.Data;
using Dapper;

namespace AsnBot.IntegrationTests.Support;

public static class DatabaseExtensions
{
    public static long Count(this SqlDatabase database, string sql)
    {
        using var connection = database.Open();
        return connection.ExecuteScalar<long>(sql);
    }
}
