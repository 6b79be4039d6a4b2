using AsnBot.Engine;
using AsnBot.Texts;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace AsnBot.Telegram;

/// <summary>What the bot tells Telegram and learns from it on start, whether it polls or takes webhooks.</summary>
public sealed class BotProfile(ITelegramBotClient bot, TextCatalog texts)
{
    /// <summary>Sets the command menu in both languages; returns this bot's username (from getMe).</summary>
    public async Task<string?> PrepareAsync(CancellationToken cancellationToken)
    {
        var username = (await bot.GetMe(cancellationToken)).Username;
        await bot.SetMyCommands(Menu(Language.Id), cancellationToken: cancellationToken);
        await bot.SetMyCommands(Menu(Language.En), languageCode: Language.En.Code(), cancellationToken: cancellationToken);
        return username;
    }

    private IEnumerable<BotCommand> Menu(Language language) =>
        Commands.Menu.Select(c => new BotCommand(language == Language.En ? c.English : c.Indonesian, texts.Get(language, c.DescriptionKey)));
}
