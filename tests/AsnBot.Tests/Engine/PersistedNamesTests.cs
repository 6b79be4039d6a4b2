using System.Reflection;
using System.Text.Json;
using AsnBot.Broadcasts;
using AsnBot.Complaints;
using AsnBot.Data.Broadcasts;
using AsnBot.Data.Complaints;
using AsnBot.Data.Documents;
using AsnBot.Delivery;
using AsnBot.Engine;
using AsnBot.Privacy;
using AsnBot.Rounds;
using AsnBot.Survey;

namespace AsnBot.Tests.Engine;

/// <summary>
/// Every name the bot stores, or sends to Telegram and reads back later (a button pressed days after it was
/// shown), listed as it is today. Renaming one breaks conversations, buttons and rows already out there: a
/// failure here means the change needs a migration (or a reading of the old name) before the list is updated.
/// </summary>
public sealed class PersistedNamesTests
{
    [Fact]
    public void SessionStates_AreSavedByTheseNames()
    {
        Assert.Equal(
            ["Idle", "Active", "ChoosingUnit", "ChoosingService", "Answering", "Review", "ChoosingEdit", "ConfirmingCancel", "ConfirmingResume"],
            Enum.GetNames<SurveyState>());
        Assert.Equal(
            ["Idle", "ChoosingCategory", "ChoosingUnit", "NamingUnit", "Describing", "AddingEvidence", "ChoosingPrivacy", "Reviewing", "ConfirmingCancel", "GivingReopenReason"],
            Enum.GetNames<ComplaintState>());
        Assert.Equal(["None", "Name", "Opens", "Closes", "Units", "Confirm"], Enum.GetNames<RoundWizardStep>());
        Assert.Equal(["survey", "complaint"], Constants(typeof(FlowNames)));
    }

    [Fact]
    public void CallbackData_UsesThesePrefixesAndShapes()
    {
        Assert.Equal(["u", "p", "s", "a", "k", "b", "o", "e", "eu", "es", "x", "cy", "cn", "rc", "rr"], Constants(typeof(SurveyButtons)));
        Assert.Equal(["Kc", "Ku", "Ko", "Ke", "Kp", "Kx", "Kb", "Ky", "Kn", "Kr", "Kq", "Rs", "Ro", "A"], Constants(typeof(ComplaintButtons)));
        Assert.Equal(["e"], Constants(typeof(AdminButtons)));
        Assert.Equal(["v", "t", "n", "p", "s", "b"], AdminButtons.Actions.Select(a => a.Code));
        Assert.Equal(["V", "B", "r", "a", "go", "x", "pause", "resume", "cancel"], Constants(typeof(BroadcastButtons)));
        Assert.Equal(["ok", "no", "lg", "dy", "dn"], Constants(typeof(PrivacyButtons)));
        Assert.Equal(["M", "survey", "report", "status"], Constants(typeof(MainMenu)));
        Assert.Equal("RW", RoundWizard.Button);
        Assert.Equal(["t", "all", "next", "ok", "no"], Constants(typeof(RoundWizardScreens)));

        Assert.Equal("a:7:U3", ButtonPress.Of(SurveyButtons.Answer, 7, "U3"));
        Assert.Equal("M:survey", ButtonPress.Of(MainMenu.Action, MainMenu.Survey));
        Assert.Equal("B:go/R1/RSUD", BroadcastButtons.Of(BroadcastButtons.Send, "R1", "RSUD"));
        Assert.Equal("B:x", BroadcastButtons.Of(BroadcastButtons.Discard));
        Assert.Equal("V:R1/RSUD", BroadcastButtons.InvitationData("R1", "RSUD"));
        Assert.Equal("*", new ConsentGiven(ConsentOpens.Complaint).Argument);
        Assert.Equal("?", ConsentGiven.Unknown.Argument);
    }

    [Fact]
    public void MessageTags_AreSavedWithTheseNames()
    {
        Assert.Equal(
            ["post:42", "notice:42", "reply:42", "reject:42", "broadcast:42"],
            [AdminButtons.PostTag(42), AdminButtons.NoticeTag(42), AdminButtons.ReplyTag(42), AdminButtons.RejectTag(42), BroadcastButtons.ProgressTag(42)]);
    }

    [Fact]
    public void OutboxRows_AreSavedWithTheseKindsAndPayloads()
    {
        Outbound[] all =
        [
            new SendText(1, "t", new Keyboard([[new Button("L", "d")]])) { Tag = "g", ForceReply = true, LocationButton = "l", ContinueButton = "c", RemoveReplyKeyboard = true },
            new EditText(1, 2, "t"),
            new AnswerButton(1, "b", "n"),
            new SendDocument(1, "/p", "f.csv", "c"),
            new SendPhoto(1, "/p", "c"),
        ];

        Assert.Equal(["send", "edit", "answer", "document", "photo"], all.Select(OutboundJson.Kind));
        Assert.Equal(
            [
                """{"kind":"send","text":"t","keyboard":{"rows":[[{"label":"L","data":"d"}]]},"tag":"g","forceReply":true,"locationButton":"l","continueButton":"c","removeReplyKeyboard":true,"chatId":1}""",
                """{"kind":"edit","messageId":2,"text":"t","keyboard":null,"chatId":1}""",
                """{"kind":"answer","buttonId":"b","text":"n","chatId":1}""",
                """{"kind":"document","path":"/p","fileName":"f.csv","caption":"c","chatId":1}""",
                """{"kind":"photo","path":"/p","caption":"c","chatId":1}""",
            ],
            all.Select(OutboundJson.Serialize));
    }

    [Fact]
    public void LastScreen_IsSavedInTheSessionAsThisJson()
    {
        var screen = new LastScreen("t", new Keyboard([[new Button("L", "d")]]));

        // Buttons is written too (derived from the keyboard) and ignored when read back.
        Assert.Equal(
            """{"Text":"t","Keyboard":{"Rows":[[{"Label":"L","Data":"d"}]]},"Buttons":[{"Label":"L","Data":"d"}]}""",
            JsonSerializer.Serialize(screen));
    }

    [Fact]
    public void RoundWizardDraft_IsSavedInTheAdminSessionAsThisJson()
    {
        var draft = new RoundWizardDraft { Name = "N", Opens = new DateOnly(2026, 12, 1), Closes = new DateOnly(2026, 12, 31), Units = ["RSUD"] };

        Assert.Equal("""{"Name":"N","Opens":"2026-12-01","Closes":"2026-12-31","Units":["RSUD"]}""", JsonSerializer.Serialize(draft));
    }

    [Fact]
    public void StoredCodes_AreTheseNames()
    {
        Assert.Equal(
            ["draft", "submitted", "verified", "rejected", "not_authority", "in_progress", "resolved", "reopened", "closed"],
            Constants(typeof(ComplaintStatus)));
        Assert.Equal(["identified", "anonymous", "confidential"], Constants(typeof(ComplaintPrivacy)));
        Assert.Equal(["LAIN"], Constants(typeof(ComplaintUnits)));
        Assert.Equal(["invitation", "reminder"], Constants(typeof(BroadcastKind)));
        Assert.Equal(["running", "paused", "cancelled", "done"], Constants(typeof(BroadcastStatus)));
        Assert.Equal(["pending", "sent", "failed", "blocked", "skipped"], Constants(typeof(RecipientState)));
        Assert.Equal(["export", "complaints", "report"], Constants(typeof(DocumentJobKind)));
    }

    /// <summary>The values of a class's string constants, in declaration order.</summary>
    private static List<string> Constants(Type type) =>
        [.. type.GetFields(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .Where(f => f is { IsLiteral: true } && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)];
}
