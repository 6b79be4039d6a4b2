using System.Text.Json.Nodes;
using AsnBot.BotApiEmulator;

namespace AsnBot.IntegrationTests.Reliability;

/// <summary>The raw material of the hostile corpus: odd texts, media, forged button data and update kinds the bot does not handle.</summary>
internal static class HostileInputs
{
    /// <summary>Texts a person (or a client bug) can send: limits, scripts, control characters, injection-looking strings.</summary>
    public static readonly IReadOnlyList<(string Name, string Text)> Texts =
    [
        ("empty text", string.Empty),
        ("one space", " "),
        ("whitespace only", " \t\r\n "),
        ("4096 letters", new string('a', 4096)),
        ("4096 UTF-16 units of emoji", string.Concat(Enumerable.Repeat("😀", 2048))),
        ("5000 letters, over Telegram's limit", new string('b', 5000)),
        ("emoji with skin tone and flag", "👍🏽🔥🇮🇩"),
        ("zero-width-joined family", "👨‍👩‍👧‍👦"),
        ("Arabic, right to left", "الخدمة ممتازة جدا"),
        ("Hebrew, right to left", "שירות טוב מאוד"),
        ("right-to-left override", "\u202Etxt.exe\u202C"),
        ("bidi isolates and marks", "\u2067abc\u2069\u200F\u200E"),
        ("NUL and bell", "a\u0000b\u0007c"),
        ("ANSI escape", "\u001B[31mmerah\u001B[0m"),
        ("BOM and zero-width characters", "\uFEFF\u200B\u200C\u200D"),
        ("combining marks", "Z\u0334\u0321\u032A\u0349a\u0337l\u0338g\u0335o\u0336"),
        ("newlines only", "\n\n\n"),
        ("mathematical letters outside the BMP", "𝕬𝖘𝖓𝕭𝖔𝖙"),
        ("SQL: drop table", "'; DROP TABLE answer; --"),
        ("SQL: always true", "1' OR '1'='1"),
        ("SQL: union select", "%' UNION SELECT user_id, chat_id FROM resident --"),
        ("SQL: delete", "Robert'); DELETE FROM response WHERE 1=1;--"),
        ("SQL: comment tricks", "/**/SELECT/**/1"),
        ("HTML: bold", "<b>tebal</b>"),
        ("HTML: script", "<script>alert('x')</script>"),
        ("HTML: entities", "&lt;&amp;&gt;&#0;"),
        ("HTML: user link", "<a href=\"tg://user?id=1\">klik</a>"),
        ("Markdown", "*tebal* _miring_ `kode` [tautan](http://example.com)"),
        ("MarkdownV2 reserved characters", "_*[]()~`>#+-=|{}.!"),
        ("spreadsheet formula", "=HYPERLINK(\"http://x\",\"y\")"),
        ("format string", "{0} {1:N} %s %n %x"),
        ("path traversal", "../../../etc/passwd"),
        ("JSON of an outbox row", "{\"kind\":\"send\",\"ChatId\":1,\"Text\":\"x\"}"),
        ("number overflow", "99999999999999999999999"),
        ("a tracking number", "ADU-2026-00000"),
        ("deep link URL", "https://t.me/asnbot_test_bot?start=u_RSUD"),
        ("mention of the bot", "@asnbot_test_bot"),
        ("a slash alone", "/"),
        ("slash, space, word", "/ start"),
    ];

    /// <summary>Forged callback data that is not the bot's: unparseable, unknown actions, oversized (Telegram allows 64 bytes).</summary>
    public static readonly IReadOnlyList<(string Name, string Data)> UnknownButtons =
    [
        ("empty data", string.Empty),
        ("one letter", "x"),
        ("a colon", ":"),
        ("two colons", "::"),
        ("three colons", ":::"),
        ("answer without step", "a::"),
        ("negative step", "a:-1:1"),
        ("step in exponent notation", "a:1e9:1"),
        ("step overflowing long", "a:99999999999999999999:1"),
        ("four parts", "a:1:2:3"),
        ("SQL-looking", "' OR 1=1 --"),
        ("HTML-looking", "<b>hi</b>"),
        ("JSON", "{\"a\":1}"),
        ("65 bytes", new string('z', 65)),
        ("200 characters", new string('q', 200)),
        ("emoji, 80 bytes", string.Concat(Enumerable.Repeat("😀", 20))),
        ("control characters", "\u0000:\u0007"),
        ("unknown action", "zz:1"),
        ("unknown action with a step", "zz:5:1"),
    ];

    /// <summary>A complaint post's button (Verifikasi on complaint 1), as a non-admin might forge or press it.</summary>
    public const string AdminButton = "A:0:1-v";

    /// <summary>A survey answer button from step 1: long gone for anyone past the first screen.</summary>
    public const string StaleAnswer = "a:1:3";

    /// <summary>Message contents the bot does not read: each a message with only this attached.</summary>
    public static readonly IReadOnlyList<(string Name, Action<JsonObject> Fill)> RawMedia =
    [
        ("venue", m =>
        {
            m["location"] = new JsonObject { ["latitude"] = 2.97, ["longitude"] = 99.79 };
            m["venue"] = new JsonObject
            {
                ["location"] = new JsonObject { ["latitude"] = 2.97, ["longitude"] = 99.79 },
                ["title"] = "<b>Kantor</b>",
                ["address"] = "'; DROP TABLE complaint; --",
            };
        }),
        ("video note", m => m["video_note"] = FileJson("vn", ("length", 240), ("duration", 3))),
        ("animation", m =>
        {
            m["animation"] = FileJson("an", ("width", 320), ("height", 240), ("duration", 2));
            m["document"] = FileJson("an");
        }),
        ("document with a hostile name and caption", m =>
        {
            var document = FileJson("dc");
            document["file_name"] = "../../etc/passwd";
            document["mime_type"] = "application/x-sh";
            m["document"] = document;
            m["caption"] = "'; DROP TABLE resident; --";
        }),
        ("audio", m =>
        {
            var audio = FileJson("au", ("duration", 5));
            audio["title"] = "<script>";
            m["audio"] = audio;
        }),
        ("video", m => m["video"] = FileJson("vd", ("width", 640), ("height", 480), ("duration", 4))),
        ("dice", m => m["dice"] = new JsonObject { ["emoji"] = "🎲", ["value"] = 6 }),
        ("poll", m => m["poll"] = PollJson()),
        ("story", m => m["story"] = new JsonObject { ["chat"] = m["chat"]!.DeepClone(), ["id"] = 7 }),
        ("a message with nothing in it", _ => { }),
    ];

    /// <summary>Update kinds the bot does not handle, each built for one user in one chat.</summary>
    public static readonly IReadOnlyList<(string Name, string Kind, Func<RawContext, JsonNode> Build)> UnhandledUpdates =
    [
        ("edited text", "edited_message", c => With(c.Message(), ("text", "diubah"), ("edit_date", c.Date))),
        ("edited into /hapus", "edited_message", c => Command(With(c.Message(), ("edit_date", c.Date)), "/hapus")),
        ("edited into /start", "edited_message", c => Command(With(c.Message(), ("edit_date", c.Date)), "/start")),
        ("reaction", "message_reaction", c => new JsonObject
        {
            ["chat"] = c.Chat.DeepClone(),
            ["message_id"] = 1,
            ["user"] = c.User.DeepClone(),
            ["date"] = c.Date,
            ["old_reaction"] = new JsonArray(),
            ["new_reaction"] = new JsonArray(new JsonObject { ["type"] = "emoji", ["emoji"] = "👍" }),
        }),
        ("reaction count", "message_reaction_count", c => new JsonObject
        {
            ["chat"] = c.Chat.DeepClone(),
            ["message_id"] = 1,
            ["date"] = c.Date,
            ["reactions"] = new JsonArray(new JsonObject
            {
                ["type"] = new JsonObject { ["type"] = "emoji", ["emoji"] = "🔥" },
                ["total_count"] = 3,
            }),
        }),
        ("poll answer", "poll_answer", c => new JsonObject
        {
            ["poll_id"] = "5012345678901234567",
            ["user"] = c.User.DeepClone(),
            ["option_ids"] = new JsonArray(0),
        }),
        ("poll state", "poll", _ => PollJson()),
        ("bot blocked (my_chat_member)", "my_chat_member", c => MemberChange(c, c.Bot, "member", "kicked")),
        ("member joined (chat_member)", "chat_member", c => MemberChange(c, c.User, "left", "member")),
        ("inline query", "inline_query", c => new JsonObject
        {
            ["id"] = "4401",
            ["from"] = c.User.DeepClone(),
            ["query"] = "'; DROP TABLE answer; --",
            ["offset"] = string.Empty,
        }),
        ("chosen inline result", "chosen_inline_result", c => new JsonObject
        {
            ["result_id"] = "1",
            ["from"] = c.User.DeepClone(),
            ["query"] = "<b>x</b>",
        }),
        ("join request", "chat_join_request", c => new JsonObject
        {
            ["chat"] = c.Chat.DeepClone(),
            ["from"] = c.User.DeepClone(),
            ["user_chat_id"] = c.User["id"]!.DeepClone(),
            ["date"] = c.Date,
        }),
        ("chat boost", "chat_boost", c => new JsonObject
        {
            ["chat"] = c.Chat.DeepClone(),
            ["boost"] = new JsonObject
            {
                ["boost_id"] = "b1",
                ["add_date"] = c.Date,
                ["expiration_date"] = c.Date + 86_400,
                ["source"] = new JsonObject { ["source"] = "premium", ["user"] = c.User.DeepClone() },
            },
        }),
        ("boost removed", "removed_chat_boost", c => new JsonObject
        {
            ["chat"] = c.Chat.DeepClone(),
            ["boost_id"] = "b1",
            ["remove_date"] = c.Date,
            ["source"] = new JsonObject { ["source"] = "premium", ["user"] = c.User.DeepClone() },
        }),
        ("business connection", "business_connection", c => new JsonObject
        {
            ["id"] = "bc1",
            ["user"] = c.User.DeepClone(),
            ["user_chat_id"] = c.User["id"]!.DeepClone(),
            ["date"] = c.Date,
            ["is_enabled"] = true,
        }),
        ("business message /hapus", "business_message", c => Command(With(c.Message(), ("business_connection_id", "bc1")), "/hapus")),
        ("business messages deleted", "deleted_business_messages", c => new JsonObject
        {
            ["business_connection_id"] = "bc1",
            ["chat"] = c.Chat.DeepClone(),
            ["message_ids"] = new JsonArray(1, 2),
        }),
        ("shipping query", "shipping_query", c => new JsonObject
        {
            ["id"] = "sq1",
            ["from"] = c.User.DeepClone(),
            ["invoice_payload"] = "x",
            ["shipping_address"] = new JsonObject
            {
                ["country_code"] = "ID",
                ["state"] = "Sumatera Utara",
                ["city"] = "Tanjungbalai",
                ["street_line1"] = "'; DROP TABLE resident; --",
                ["street_line2"] = string.Empty,
                ["post_code"] = "21300",
            },
        }),
        ("pre-checkout query", "pre_checkout_query", c => new JsonObject
        {
            ["id"] = "pc1",
            ["from"] = c.User.DeepClone(),
            ["currency"] = "XTR",
            ["total_amount"] = 1,
            ["invoice_payload"] = "x",
        }),
        ("paid media purchased", "purchased_paid_media", c => new JsonObject
        {
            ["from"] = c.User.DeepClone(),
            ["paid_media_payload"] = "x",
        }),
        ("an update kind from the future", "future_update_kind", c => new JsonObject { ["from"] = c.User.DeepClone(), ["text"] = "/hapus" }),
    ];

    /// <summary>Adds text with a bot_command entity over the whole of it.</summary>
    public static JsonObject Command(JsonObject message, string text, int? entityLength = null)
    {
        message["text"] = text;
        message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = entityLength ?? text.Length, ["type"] = "bot_command" });
        return message;
    }

    private static JsonObject With(JsonObject message, params (string Name, JsonNode? Value)[] fields)
    {
        foreach (var (name, value) in fields)
        {
            message[name] = value;
        }

        return message;
    }

    private static JsonObject FileJson(string prefix, params (string Name, int Value)[] fields)
    {
        var file = new JsonObject { ["file_id"] = "BQACAgIAAx" + prefix, ["file_unique_id"] = "AgAD" + prefix, ["file_size"] = 1234 };
        foreach (var (name, value) in fields)
        {
            file[name] = value;
        }

        return file;
    }

    private static JsonObject PollJson() => new()
    {
        ["id"] = "5012345678901234567",
        ["question"] = "'; DROP TABLE answer; --",
        ["options"] = new JsonArray(
            new JsonObject { ["text"] = "<b>ya</b>", ["voter_count"] = 1 },
            new JsonObject { ["text"] = "tidak", ["voter_count"] = 0 }),
        ["total_voter_count"] = 1,
        ["is_closed"] = false,
        ["is_anonymous"] = true,
        ["type"] = "regular",
        ["allows_multiple_answers"] = false,
    };

    private static JsonObject MemberChange(RawContext c, JsonObject member, string from, string to) => new()
    {
        ["chat"] = c.Chat.DeepClone(),
        ["from"] = c.User.DeepClone(),
        ["date"] = c.Date,
        ["old_chat_member"] = new JsonObject { ["status"] = from, ["user"] = member.DeepClone() },
        ["new_chat_member"] = to == "kicked"
            ? new JsonObject { ["status"] = to, ["user"] = member.DeepClone(), ["until_date"] = 0 }
            : new JsonObject { ["status"] = to, ["user"] = member.DeepClone() },
    };
}
