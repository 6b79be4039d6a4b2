using AsnBot.Conversations;
using AsnBot.Data;
using AsnBot.Engine;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace AsnBot.Hosting;

/// <summary>
/// Runs before the poller and sender start: brings the schema up to date and builds the engine,
/// which loads and validates the survey definition and texts, so a bad one stops the bot at start.
/// </summary>
public sealed partial class StorageInitializer(IDatabase database, ConversationEngine engine, ILogger<StorageInitializer> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var version = database.Migrate();
        if (database.IsReadOnly())
        {
            // Caught in Program: one line on stderr instead of a bot that accepts updates it cannot keep.
            throw new StorageUnavailableException($"read-only: {database.Location} cannot be written");
        }

        LogReady(logger, database.Location, version, engine.SurveyId);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Database {Path} at schema version {Version}; survey {SurveyId} loaded")]
    private static partial void LogReady(ILogger logger, string path, int version, string surveyId);
}

/// <summary>The database cannot be used at all (read-only, unopenable): the bot does not start.</summary>
public sealed class StorageUnavailableException(string message) : Exception(message);
