using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace AsnBot.Bench.Support;

/// <summary>
/// Where the benchmarked bot keeps its data and how many instances of it run: one SQLite bot polling (the default),
/// or <see cref="Instances"/> bots in webhook mode behind the emulator's round-robin (a load balancer), on SQLite or on
/// a fresh PostgreSQL database (on the server ASNBOT_BENCH_POSTGRES names).
/// </summary>
/// <param name="Provider">"sqlite" or "postgres".</param>
/// <param name="Instances">Bots in webhook mode; null for one bot polling.</param>
public sealed record Deployment(string Provider = "sqlite", int? Instances = null)
{
    public const string WebhookSecret = "bench-Secret_0123456789";

    public bool Postgres => Provider == "postgres";

    public bool Webhook => Instances is not null;

    public int Processes => Instances ?? 1;

    /// <summary>"SQLite/1 polling", "PostgreSQL/3 webhook": how the figures' rows are named.</summary>
    public override string ToString() => $"{(Postgres ? "PostgreSQL" : "SQLite")}/{Processes} {(Webhook ? "webhook" : "polling")}";

    /// <summary>Creates the PostgreSQL database and returns its name and connection string.</summary>
    public static (string Name, string ConnectionString) CreatePostgres()
    {
        var name = $"asnbot_bench_{Guid.NewGuid():N}"[..30];
        Admin($"CREATE DATABASE {name}");
        return (name, new NpgsqlConnectionStringBuilder(Server()) { Database = name, MaxPoolSize = 50 }.ToString());
    }

    public static void DropPostgres(string name)
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    /// <summary>The settings of one instance in webhook mode on a free port, and the URL the load balancer posts to.</summary>
    public static (Dictionary<string, string?> Settings, string Url) WebhookInstance()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var listen = $"http://127.0.0.1:{((IPEndPoint)probe.LocalEndpoint).Port}";
        probe.Stop();
        var url = listen + "/telegram/bench";
        return (new Dictionary<string, string?>
        {
            ["Telegram:Mode"] = "webhook",
            ["Telegram:WebhookUrl"] = url,
            ["Telegram:WebhookListen"] = listen,
            ["Telegram:WebhookSecret"] = WebhookSecret,
            ["Telegram:WebhookMaxConnections"] = "100",
        }, url);
    }

    private static string Server() => Environment.GetEnvironmentVariable("ASNBOT_BENCH_POSTGRES") is { Length: > 0 } server
        ? server
        : throw new InvalidOperationException("--provider postgres needs ASNBOT_BENCH_POSTGRES, an admin connection string (Host=…;Port=…;Username=postgres).");

    private static void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Server()) { Database = "postgres", Pooling = false }.ToString());
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        command.ExecuteNonQuery();
    }
}
