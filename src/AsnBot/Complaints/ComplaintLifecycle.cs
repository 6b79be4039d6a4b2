using AsnBot.Data.Complaints;
using Stateless;

namespace AsnBot.Complaints;

/// <summary>
/// Which status an action leads to from which: submitted → verified / rejected / not our authority →
/// in follow-up → resolved → closed, or reopened once by the reporter.
/// </summary>
internal static class ComplaintLifecycle
{
    /// <summary>The status the action leads to, or null when it is not allowed from the complaint's status.</summary>
    public static string? Next(ComplaintRow complaint, ComplaintAction action)
    {
        var status = complaint.Status;
        var machine = new StateMachine<string, ComplaintAction>(() => status, s => status = s);
        machine.Configure(ComplaintStatus.Submitted)
            .Permit(ComplaintAction.Verify, ComplaintStatus.Verified)
            .Permit(ComplaintAction.Reject, ComplaintStatus.Rejected)
            .Permit(ComplaintAction.NotOurs, ComplaintStatus.NotAuthority);
        machine.Configure(ComplaintStatus.Verified)
            .Permit(ComplaintAction.Process, ComplaintStatus.InProgress)
            .Permit(ComplaintAction.Resolve, ComplaintStatus.Resolved);
        machine.Configure(ComplaintStatus.InProgress)
            .Permit(ComplaintAction.Resolve, ComplaintStatus.Resolved);
        machine.Configure(ComplaintStatus.Reopened)
            .Permit(ComplaintAction.Process, ComplaintStatus.InProgress)
            .Permit(ComplaintAction.Resolve, ComplaintStatus.Resolved);
        machine.Configure(ComplaintStatus.Resolved)
            .Permit(ComplaintAction.Close, ComplaintStatus.Closed)
            .PermitIf(ComplaintAction.Reopen, ComplaintStatus.Reopened, () => !complaint.Reopened, "reopened at most once");
        if (!machine.CanFire(action))
        {
            return null;
        }

        machine.Fire(action);
        return status;
    }
}
