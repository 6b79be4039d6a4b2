using System.Data.Common;
using AsnBot.Data.Reports;
using Dapper;

namespace AsnBot.Data;

/// <summary>
/// What the providers share: the report queries (one implementation, the provider's <see cref="SqlDialect"/> where
/// SQL must differ) over connections the provider opens. <see cref="Database"/> is SQLite, <see cref="PostgresDatabase"/> PostgreSQL.
/// </summary>
public abstract class SqlDatabase : IDatabase
{
    static SqlDatabase()
    {
        DateTimeOffsetHandler.Register();
    }

    private protected SqlDatabase(SqlDialect dialect)
    {
        Dialect = dialect;
        Reports = new ReportStore(this);
        ComplaintReports = new ComplaintReportStore(this);
        Trends = new TrendStore(this);
        DashboardQueries = new DashboardStore(this);
    }

    public abstract string Location { get; }

    public abstract bool Exists { get; }

    public IReportStore Reports { get; }

    public IComplaintReportStore ComplaintReports { get; }

    public ITrendStore Trends { get; }

    public IDashboardStore DashboardQueries { get; }

    internal SqlDialect Dialect { get; }

    /// <summary>An open connection with the settings every connection of this provider needs.</summary>
    public abstract DbConnection Open();

    /// <summary>
    /// A read-only transaction on <paramref name="connection"/> whose queries all see the same committed state (the
    /// dashboard's counts and the rows they leave to be worked out one by one), taking no write lock.
    /// </summary>
    internal abstract DbTransaction BeginSnapshot(DbConnection connection);

    public int Migrate() => Migrate(upTo: null);

    /// <summary>Brings the schema up to <paramref name="upTo"/> (a test making a database as an older program left it), or the newest.</summary>
    internal abstract int Migrate(int? upTo);

    public abstract bool IsReadOnly();

    public abstract UnitOfWork Begin();

    IUnitOfWork IDatabase.Begin() => Begin();

    /// <summary>A connection without a transaction: each statement commits on its own.</summary>
    public UnitOfWork Connect() => new(Open(), transaction: null, Dialect, release: null);

    IUnitOfWork IDatabase.Connect() => Connect();

    public abstract StorageError? Classify(Exception exception);
}
