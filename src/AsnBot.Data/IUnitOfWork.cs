using AsnBot.Data.Admin;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Cluster;
using AsnBot.Data.Complaints;
using AsnBot.Data.Dashboard;
using AsnBot.Data.Documents;
using AsnBot.Data.Outbox;
using AsnBot.Data.Residents;
using AsnBot.Data.Responses;
using AsnBot.Data.Rounds;
using AsnBot.Data.Sessions;
using AsnBot.Data.Updates;

namespace AsnBot.Data;

/// <summary>
/// One connection and (from <see cref="IDatabase.Begin"/>) its write transaction, with the stores that work in it:
/// everything an update changes commits together. Each store is made on first use. Disposing it lets the next
/// writer of this process in.
/// </summary>
public interface IUnitOfWork : IDisposable
{
    ISessionStore Sessions { get; }

    IAdminSessionStore AdminSessions { get; }

    IResidentStore Residents { get; }

    IResponseStore Responses { get; }

    IRoundStore Rounds { get; }

    IComplaintStore Complaints { get; }

    IComplaintTimingStore ComplaintTimings { get; }

    IComplaintQuota ComplaintQuota { get; }

    IEvidenceStore Evidence { get; }

    ISentMessageStore SentMessages { get; }

    IBroadcastStore Broadcasts { get; }

    IOutboxStore Outbox { get; }

    IDocumentJobStore DocumentJobs { get; }

    IUpdateLog Updates { get; }

    IDashboardLoginStore DashboardLogins { get; }

    /// <summary>Whether a duty's turn is still this process's (several instances; always on one process alone).</summary>
    IDutyFence Duties { get; }

    void Commit();

    /// <summary>Marks a point the transaction can go back to without losing what came before it.</summary>
    void Savepoint(string name);

    /// <summary>Keeps what was done since the savepoint (as part of the transaction) and forgets the point.</summary>
    void ReleaseSavepoint(string name);

    /// <summary>Undoes what was done since the savepoint; the transaction goes on.</summary>
    void RollbackToSavepoint(string name);
}
