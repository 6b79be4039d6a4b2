using System.Text.Json.Serialization;

namespace AsnBot.Engine;

/// <summary>Something the bot shows a person. Serialised into the outbox, so it must stay plain data.</summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "kind")]
[JsonDerivedType(typeof(SendText), "send")]
[JsonDerivedType(typeof(EditText), "edit")]
[JsonDerivedType(typeof(AnswerButton), "answer")]
[JsonDerivedType(typeof(SendDocument), "document")]
[JsonDerivedType(typeof(SendPhoto), "photo")]
public abstract record Outbound(long ChatId);

public sealed record SendText(long ChatId, string Text, Keyboard? Keyboard = null) : Outbound(ChatId)
{
    /// <summary>Remembered with the delivered message id, so replies to this message can be routed.</summary>
    public string? Tag { get; init; }

    /// <summary>Opens the reply box on the reader's client, quoting this message.</summary>
    public bool ForceReply { get; init; }

    /// <summary>A reply keyboard with a "share location" button of this label (and a text button <see cref="ContinueButton"/>).</summary>
    public string? LocationButton { get; init; }

    public string? ContinueButton { get; init; }

    /// <summary>Takes a reply keyboard shown earlier away.</summary>
    public bool RemoveReplyKeyboard { get; init; }
}

public sealed record EditText(long ChatId, int MessageId, string Text, Keyboard? Keyboard = null) : Outbound(ChatId);

/// <summary>Acknowledges a button press (stops the client's spinner), optionally with a short notice.</summary>
public sealed record AnswerButton(long ChatId, string ButtonId, string? Text = null) : Outbound(ChatId);

/// <summary>Sends a file made on disk (an export, a report); the file is deleted once delivered.</summary>
public sealed record SendDocument(long ChatId, string Path, string FileName, string? Caption = null) : Outbound(ChatId);

/// <summary>Sends a photo kept on disk (complaint evidence); unlike a document, the file stays where it is.</summary>
public sealed record SendPhoto(long ChatId, string Path, string? Caption = null) : Outbound(ChatId);

public sealed record Keyboard(IReadOnlyList<IReadOnlyList<Button>> Rows);

public sealed record Button(string Label, string Data);
