using System.Data.Common;
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
/// The unit of work of either provider: one connection and its write transaction (none for <see cref="SqlDatabase.Connect"/>),
/// and the stores over them. Disposing it lets the next writer of this process in (SQLite's writer queue).
/// </summary>
public sealed class UnitOfWork : IUnitOfWork
{
    private readonly Action? _release;
    private bool _disposed;
    private SessionStore? _sessions;
    private AdminSessionStore? _adminSessions;
    private ResidentStore? _residents;
    private ResponseStore? _responses;
    private RoundStore? _rounds;
    private ComplaintStore? _complaints;
    private ComplaintTimingStore? _complaintTimings;
    private ComplaintQuota? _complaintQuota;
    private EvidenceStore? _evidence;
    private SentMessageStore? _sentMessages;
    private BroadcastStore? _broadcasts;
    private OutboxStore? _outbox;
    private DocumentJobStore? _documentJobs;
    private UpdateLog? _updates;
    private DashboardLoginStore? _dashboardLogins;
    private DutyFence? _duties;

    internal UnitOfWork(DbConnection connection, DbTransaction? transaction, SqlDialect dialect, Action? release)
    {
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
        _release = release;
    }

    public DbConnection Connection { get; }

    /// <summary>The write transaction; null when each statement commits on its own.</summary>
    public DbTransaction? Transaction { get; }

    internal SqlDialect Dialect { get; }

    public ISessionStore Sessions => _sessions ??= new SessionStore(this);

    public IAdminSessionStore AdminSessions => _adminSessions ??= new AdminSessionStore(this);

    public IResidentStore Residents => _residents ??= new ResidentStore(this);

    public IResponseStore Responses => _responses ??= new ResponseStore(this);

    public IRoundStore Rounds => _rounds ??= new RoundStore(this);

    public IComplaintStore Complaints => _complaints ??= new ComplaintStore(this);

    public IComplaintTimingStore ComplaintTimings => _complaintTimings ??= new ComplaintTimingStore(this);

    public IComplaintQuota ComplaintQuota => _complaintQuota ??= new ComplaintQuota(this);

    public IEvidenceStore Evidence => _evidence ??= new EvidenceStore(this);

    public ISentMessageStore SentMessages => _sentMessages ??= new SentMessageStore(this);

    public IBroadcastStore Broadcasts => _broadcasts ??= new BroadcastStore(this);

    public IOutboxStore Outbox => _outbox ??= new OutboxStore(this);

    public IDocumentJobStore DocumentJobs => _documentJobs ??= new DocumentJobStore(this);

    public IDashboardLoginStore DashboardLogins => _dashboardLogins ??= new DashboardLoginStore(this);

    public IDutyFence Duties => _duties ??= new DutyFence(this);

    public IUpdateLog Updates => _updates ??= new UpdateLog(this);

    private DbTransaction Open =>
        Transaction ?? throw new InvalidOperationException("This unit of work has no transaction: each statement committed on its own.");

    public void Commit() => Open.Commit();

    public void Savepoint(string name) => Open.Save(name);

    public void ReleaseSavepoint(string name) => Open.Release(name);

    public void RollbackToSavepoint(string name) => Open.Rollback(name);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        try
        {
            Transaction?.Dispose();
            Connection.Dispose();
        }
        finally
        {
            _release?.Invoke();
        }
    }
}
