using System.Security.Cryptography;
using System.Text;
using AsnBot.Data;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace AsnBot.Dashboard;

/// <summary>Makes the one-time login links /dasbor sends: 256 random bits, only their SHA-256 stored.</summary>
public sealed class DashboardLinks(IOptions<DashboardOptions> options, DashboardAddress address)
{
    public bool Enabled => options.Value.Enabled;

    /// <summary>Records a new link in the turn's transaction and returns it.</summary>
    public string Create(IUnitOfWork work, long userId, DateTimeOffset now)
    {
        var token = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        ArgumentNullException.ThrowIfNull(work);
        work.DashboardLogins.Add(Hash(token), userId, now, now + DashboardOptions.LinkLifetime);
        return $"{address.BaseUrl.TrimEnd('/')}/masuk?t={token}";
    }

    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}

/// <summary>The address links point to: Dashboard:PublicUrl, else where the dashboard actually listens.</summary>
public sealed class DashboardAddress(IOptions<DashboardOptions> options)
{
    private string? _listening;

    public string BaseUrl => options.Value.PublicUrl ?? _listening ?? options.Value.Url;

    /// <summary>Set once the server has bound (it may have picked the port).</summary>
    public void Listening(string url) => _listening = url;
}
