using AsnBot.Engine;
using AsnBot.Telegram;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace AsnBot.Tests.Telegram;

public sealed class UpdateMapperTests
{
    private static readonly User Resident = new() { Id = 77, FirstName = "Warga", LanguageCode = "en" };

    [Theory]
    [InlineData("/start u_RSUD", "start", "u_RSUD")]
    [InlineData("/Start@AsnBot_Bot u_RSUD", "start", "u_RSUD")]
    [InlineData("/aduan", "aduan", "")]
    public void Command_IsNamedInLowerCase_WithItsArgument(string text, string command, string argument)
    {
        var inbound = UpdateMapper.Map(Text(text, ChatType.Private), "asnbot_bot")!;

        Assert.Equal((InboundKind.Command, command, argument), (inbound.Kind, inbound.Command, inbound.Text));
        Assert.Equal("en", inbound.LanguageCode);
    }

    [Fact]
    public void CommandForAnotherBot_IsNotOurs()
    {
        Assert.Null(UpdateMapper.Map(Text("/aduan@OtherBot", ChatType.Supergroup), "asnbot_bot"));
    }

    [Fact]
    public void Photo_TakesTheLargestSize_AndLocationAndReplyAreKept()
    {
        var photo = UpdateMapper.Map(new Update
        {
            Message = new Message
            {
                Chat = new Chat { Id = 77, Type = ChatType.Private },
                From = Resident,
                Photo = [new PhotoSize { FileId = "small", FileUniqueId = "s" }, new PhotoSize { FileId = "large", FileUniqueId = "l" }],
            },
        })!;
        var location = UpdateMapper.Map(new Update
        {
            Message = new Message
            {
                Chat = new Chat { Id = -100, Type = ChatType.Group },
                From = Resident,
                Location = new Location { Latitude = 2.96, Longitude = 99.8 },
                ReplyToMessage = new Message { Id = 12, Chat = new Chat { Id = -100, Type = ChatType.Group } },
            },
        })!;

        Assert.Equal((InboundKind.Photo, "large"), (photo.Kind, photo.PhotoFileId));
        Assert.Equal((InboundKind.Location, 2.96, 99.8, ChatKind.Group, (int?)12), (location.Kind, location.Latitude!.Value, location.Longitude!.Value, location.Chat, location.ReplyToMessageId));
    }

    [Fact]
    public void ButtonOnAnInaccessibleMessage_HasNoMessageToEdit()
    {
        var inbound = UpdateMapper.Map(new Update
        {
            CallbackQuery = new CallbackQuery
            {
                Id = "q1",
                From = Resident,
                Data = "a:3:4",
                Message = new Message { Id = 5, Chat = new Chat { Id = 77, Type = ChatType.Private } },
            },
        })!;

        Assert.Equal((InboundKind.Button, "a:3:4", "q1", (int?)null), (inbound.Kind, inbound.ButtonData, inbound.ButtonId, inbound.ButtonMessageId));
    }

    [Fact]
    public void StickerAndOtherUpdateKinds_AreUnsupportedOrIgnored()
    {
        var sticker = UpdateMapper.Map(new Update { Message = new Message { Chat = new Chat { Id = 77, Type = ChatType.Private }, From = Resident, Sticker = new Sticker { FileId = "s", FileUniqueId = "s" } } })!;

        Assert.Equal(InboundKind.Unsupported, sticker.Kind);
        Assert.Null(UpdateMapper.Map(new Update { EditedMessage = new Message { Chat = new Chat { Id = 77 }, From = Resident, Text = "x" } }));
    }

    private static Update Text(string text, ChatType chat) => new()
    {
        Message = new Message
        {
            Chat = new Chat { Id = chat == ChatType.Private ? 77 : -100_5, Type = chat },
            From = Resident,
            Text = text,
            Entities = [new MessageEntity { Type = MessageEntityType.BotCommand, Offset = 0, Length = text.Split(' ')[0].Length }],
        },
    };
}
