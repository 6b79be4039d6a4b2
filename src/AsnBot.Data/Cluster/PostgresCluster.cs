using Npgsql;

namespace AsnBot.Data.Cluster;

/// <summary>
/// Instances of the bot sharing one PostgreSQL database. A duty is a session-level advisory lock taken with
/// <c>pg_try_advisory_lock</c> on a connection of its own (not pooled: a pooled connection would go back to the pool
/// still holding the lock); the server releases it when that connection ends, so a killed holder's duty is free as
/// soon as its socket closes. Every take raises the duty's epoch in <c>duty_fence</c> (a <see cref="DutyTurn"/>), and
/// the duty's work checks its turn in its own transactions (<see cref="IDutyFence"/>): a holder whose session ended
/// while its process lives (network, a terminated backend) cannot commit anything once another instance has taken
/// over, so the new holder starts at once instead of waiting for the old one to notice. The holder checks its
/// connection every <see cref="HoldCheck"/> and stops the moment the check fails (or takes longer than
/// <see cref="CheckTimeout"/>); sends it had already claimed stay leased to it for <see cref="TakeoverGrace"/> after a
/// takeover. A takeover of sending also waits <see cref="RateWindow"/>: the messages the old holder sent in its last
/// second count against Telegram's limit of the new holder's first. Outbox wake-ups are NOTIFY on <see cref="Channel"/>.
/// </summary>
public sealed class PostgresCluster : IDutyLocks, IOutboxWakeups, IAsyncDisposable, IDisposable
{
    /// <summary>The channel the sender listens on.</summary>
    public const string Channel = "asnbot_outbox";

    /// <summary>How often a holder checks that its lock connection is alive.</summary>
    public static readonly TimeSpan HoldCheck = TimeSpan.FromSeconds(0.5);

    /// <summary>How long the check may take before the holder gives up the duty.</summary>
    public static readonly TimeSpan CheckTimeout = TimeSpan.FromSeconds(3);

    /// <summary>
    /// More than a holder needs to notice that it lost its duty and stop: after a takeover, the rows the old holder had
    /// claimed stay its own this long, as it may be finishing their sends.
    /// </summary>
    public static readonly TimeSpan TakeoverGrace = HoldCheck + CheckTimeout + TimeSpan.FromSeconds(0.5);

    /// <summary>The window of Telegram's global limit (30 messages a second): how long a takeover of sending waits before it sends.</summary>
    public static readonly TimeSpan RateWindow = TimeSpan.FromSeconds(1);

    /// <summary>Raises the duty's epoch (the first take makes it 1) and returns it, with the one before (0 when none).</summary>
    private const string RaiseEpoch = """
        INSERT INTO duty_fence (duty, epoch) VALUES (@duty, 1)
        ON CONFLICT (duty) DO UPDATE SET epoch = duty_fence.epoch + 1
        RETURNING epoch
        """;

    /// <summary>How long the listener waits before connecting again after its connection failed.</summary>
    private static readonly TimeSpan Reconnect = TimeSpan.FromSeconds(1);

    /// <summary>"AsnB" in the high half, the duty's number in the low half: the advisory lock key of a duty.</summary>
    private const long KeySpace = 0x41736E42L << 32;

    private readonly string _dedicated;
    private readonly NpgsqlDataSource _pool;
    private readonly Lock _gate = new();

    /// <summary>Connections of duties another process holds, kept to ask again without connecting anew.</summary>
    private readonly Dictionary<Duty, NpgsqlConnection> _waiting = [];
    private int _publishing;

    public PostgresCluster(string connectionString)
    {
        _dedicated = new NpgsqlConnectionStringBuilder(connectionString)
        {
            Pooling = false,
            TcpKeepAlive = true,
            TcpKeepAliveTime = 5,
            TcpKeepAliveInterval = 1,
            ApplicationName = "asnbot-duty",
        }.ToString();
        _pool = NpgsqlDataSource.Create(connectionString);
    }

    public bool AcrossProcesses => true;

    /// <summary>The advisory lock key of a duty, for operators reading pg_locks (objid is the duty's number).</summary>
    public static long KeyOf(Duty duty) => KeySpace | (long)duty;

    public async Task<IDutyHold?> TryTakeAsync(Duty duty, CancellationToken cancellationToken)
    {
        NpgsqlConnection? connection;
        lock (_gate)
        {
            _waiting.Remove(duty, out connection);
        }

        try
        {
            if (connection is null)
            {
                connection = new NpgsqlConnection(_dedicated);
                await connection.OpenAsync(cancellationToken);
            }

            await using var take = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
            take.Parameters.AddWithValue("key", KeyOf(duty));
            if ((bool)(await take.ExecuteScalarAsync(cancellationToken))!)
            {
                // Waits for the old holder's transactions that checked their turn, and fences every later one.
                await using var raise = new NpgsqlCommand(RaiseEpoch, connection);
                raise.Parameters.AddWithValue("duty", (int)duty);
                var epoch = (long)(await raise.ExecuteScalarAsync(cancellationToken))!;
                var hold = new Hold(connection, KeyOf(duty), new DutyTurn(duty, epoch));
                if (epoch == 1 || duty != Duty.Sending)
                {
                    return hold;
                }

                using (var window = CancellationTokenSource.CreateLinkedTokenSource(hold.Lost, cancellationToken))
                {
                    await Task.Delay(RateWindow, window.Token).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                    if (!window.IsCancellationRequested)
                    {
                        return hold;
                    }
                }

                await hold.DisposeAsync();
                cancellationToken.ThrowIfCancellationRequested();
                return null;
            }

            lock (_gate)
            {
                _waiting[duty] = connection;
            }

            return null;
        }
        catch
        {
            if (connection is not null)
            {
                await connection.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>
    /// Sends one NOTIFY in the background; notices raised while one is on its way are folded into the next, so a
    /// burst of commits costs the database a few notifications, not one each.
    /// </summary>
    public void Publish()
    {
        if (Interlocked.Exchange(ref _publishing, 1) == 0)
        {
            _ = Task.Run(NotifyAsync);
        }
    }

    public async Task ListenAsync(Action wake, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(wake);
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(_dedicated);
                await connection.OpenAsync(cancellationToken);
                connection.Notification += (_, _) => wake();
                await using (var listen = new NpgsqlCommand($"LISTEN {Channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(cancellationToken);
                }

                // Whatever was queued while nobody listened is found by the first read after this wake.
                wake();
                while (true)
                {
                    await connection.WaitAsync(cancellationToken);
                }
            }
            catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException && !cancellationToken.IsCancellationRequested)
            {
                // The sender polls meanwhile; listen again on a new connection.
                await Task.Delay(Reconnect, cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        List<NpgsqlConnection> waiting;
        lock (_gate)
        {
            waiting = [.. _waiting.Values];
            _waiting.Clear();
        }

        foreach (var connection in waiting)
        {
            await connection.DisposeAsync();
        }

        await _pool.DisposeAsync();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task NotifyAsync()
    {
        // Cleared before sending: a commit after this point is covered by this notification or starts the next.
        Volatile.Write(ref _publishing, 0);
        try
        {
            await using var notify = _pool.CreateCommand($"SELECT pg_notify('{Channel}', '')");
            await notify.ExecuteNonQueryAsync();
        }
        catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or ObjectDisposedException)
        {
            // Lost with the connection; the owner's poll finds the messages within a second.
        }
    }

    /// <summary>A held duty: its lock connection, checked every <see cref="HoldCheck"/>.</summary>
    private sealed class Hold : IDutyHold
    {
        private readonly NpgsqlConnection _connection;
        private readonly long _key;
        private readonly CancellationTokenSource _lost = new();
        private readonly CancellationTokenSource _released = new();
        private readonly Task _watch;

        public Hold(NpgsqlConnection connection, long key, DutyTurn turn)
        {
            _connection = connection;
            _key = key;
            Turn = turn;
            _watch = WatchAsync();
        }

        public CancellationToken Lost => _lost.Token;

        public DutyTurn Turn { get; }

        public async ValueTask DisposeAsync()
        {
            await _released.CancelAsync();
            await _watch;
            if (!_lost.IsCancellationRequested)
            {
                // Released before the connection closes: the server ends a closed session a moment later, and the next
                // holder should not have to wait for that.
                try
                {
                    await using var release = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", _connection);
                    release.Parameters.AddWithValue("key", _key);
                    await release.ExecuteScalarAsync();
                }
                catch (Exception ex) when (ex is NpgsqlException or IOException or TimeoutException or InvalidOperationException)
                {
                    // The session is going anyway, and the lock with it.
                }
            }

            await _connection.DisposeAsync();
            _lost.Dispose();
            _released.Dispose();
        }

        private async Task WatchAsync()
        {
            try
            {
                while (true)
                {
                    await Task.Delay(HoldCheck, _released.Token);
                    await using var check = new NpgsqlCommand("SELECT 1", _connection) { CommandTimeout = (int)CheckTimeout.TotalSeconds };
                    await check.ExecuteScalarAsync(_released.Token);
                }
            }
            catch (OperationCanceledException) when (_released.IsCancellationRequested)
            {
                // Given up by its holder.
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // The session is gone (killed, network, server restart), and the lock with it.
                await _lost.CancelAsync();
            }
        }
    }
}
