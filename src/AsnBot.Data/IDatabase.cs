using AsnBot.Data.Reports;

namespace AsnBot.Data;

/// <summary>
/// The storage of the bot, whichever database holds it: units of work over its stores, the report queries, the
/// schema, and what its errors mean. Features see only this and <see cref="IUnitOfWork"/>.
/// </summary>
public interface IDatabase
{
    /// <summary>Where the data lives, for messages (the file's full path for SQLite; postgres://host:port/database).</summary>
    string Location { get; }

    /// <summary>Whether the data already exists (a CLI verb that only reads must not create an empty one).</summary>
    bool Exists { get; }

    /// <summary>Read-only queries for exports and the IKM report.</summary>
    IReportStore Reports { get; }

    /// <summary>Read-only queries over filed complaints for the complaint export and figures.</summary>
    IComplaintReportStore ComplaintReports { get; }

    /// <summary>Rounds in time order, per-respondent scores, responses per day, suggestions (trend and dashboard).</summary>
    ITrendStore Trends { get; }

    /// <summary>The dashboard's complaint and broadcast queries.</summary>
    IDashboardStore DashboardQueries { get; }

    /// <summary>Brings the schema up to date; returns the schema version now in force.</summary>
    int Migrate();

    /// <summary>True when the data can only be read.</summary>
    bool IsReadOnly();

    /// <summary>
    /// Starts a write transaction (SQLite: after any other writer of this process; PostgreSQL: READ COMMITTED, rows
    /// locked as they are written); nothing is kept without <see cref="IUnitOfWork.Commit"/>.
    /// </summary>
    IUnitOfWork Begin();

    /// <summary>A unit without a transaction: each statement commits on its own (the workers' reads of their queues).</summary>
    IUnitOfWork Connect();

    /// <summary>What a storage exception means, or null when the exception is not a storage error.</summary>
    StorageError? Classify(Exception exception);
}
