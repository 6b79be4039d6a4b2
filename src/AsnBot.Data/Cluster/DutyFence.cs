using Dapper;

namespace AsnBot.Data.Cluster;

/// <summary><see cref="IDutyFence"/> over the <c>duty_fence</c> table; an unfenced turn costs no query.</summary>
internal sealed class DutyFence(UnitOfWork work) : IDutyFence
{
    private const string SelectEpoch = "SELECT epoch FROM duty_fence WHERE duty = @duty FOR SHARE";

    public bool Holds(DutyTurn turn) => !turn.Fenced
        || work.Connection.ExecuteScalar<long?>(SelectEpoch, new { duty = (int)turn.Duty }, work.Transaction) == turn.Epoch;
}
