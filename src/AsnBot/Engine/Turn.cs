using AsnBot.Data;
using AsnBot.Texts;

namespace AsnBot.Engine;

/// <summary>
/// One inbound event being handled: the transaction it runs in, the resident's language, and the
/// replies it produces. Replies are only collected here; they reach the outbox in the same transaction.
/// </summary>
public sealed class Turn(IUnitOfWork work, Inbound inbound, DateTimeOffset now, TextCatalog texts, Language language)
{
    private readonly List<Outbound> _replies = [];
    private bool _buttonAnswered;
    private string? _note;

    public IUnitOfWork Work { get; } = work;

    public Inbound Inbound { get; } = inbound;

    public DateTimeOffset Now { get; } = now;

    public TextCatalog Texts { get; } = texts;

    public Language Language { get; set; } = language;

    /// <summary>
    /// True while the press came from the message that shows the current step, which may then be
    /// edited in place instead of sending a new message.
    /// </summary>
    public bool MayEditPressedMessage { get; set; }

    public IReadOnlyList<Outbound> Replies => _replies;

    public string Text(string key) => Texts.Get(Language, key);

    public string Text(string key, params object?[] args) => Texts.Format(Language, key, args);

    /// <summary>Sends a new message, opened by the pending <see cref="Note"/> if there is one.</summary>
    public void Send(string text, Keyboard? keyboard = null)
    {
        if (_note is { } note)
        {
            text = $"{note}\n\n{text}";
            _note = null;
        }

        _replies.Add(new SendText(Inbound.ChatId, text, keyboard));
    }

    /// <summary>
    /// A short notice ("please press a button", "language changed") that opens the next message of this
    /// turn, so a step stays one message; sent on its own when nothing follows.
    /// </summary>
    public void Note(string text) => _note = _note is null ? text : $"{_note}\n{text}";

    /// <summary>Sends a message to another chat (the reporter of a complaint, the admin group).</summary>
    public void SendTo(long chatId, string text, Keyboard? keyboard = null) => _replies.Add(new SendText(chatId, text, keyboard));

    public void Add(Outbound outbound) => _replies.Add(outbound);

    /// <summary>Shows a screen: edits the pressed message when allowed, otherwise sends a new message.</summary>
    public void Show(string text, Keyboard? keyboard = null)
    {
        // With a notice to give, the step comes as a new message below, where the resident is looking.
        if (MayEditPressedMessage && _note is null && Inbound.ButtonMessageId is { } messageId)
        {
            _replies.Add(new EditText(Inbound.ChatId, messageId, text, keyboard));
            MayEditPressedMessage = false;
        }
        else
        {
            Send(text, keyboard);
        }
    }

    /// <summary>Acknowledges the button press once; a notice, if any, pops up on the resident's screen.</summary>
    public void AnswerButton(string? notice = null)
    {
        if (Inbound.Kind == InboundKind.Button && Inbound.ButtonId is { } id && !_buttonAnswered)
        {
            _buttonAnswered = true;
            _replies.Insert(0, new AnswerButton(Inbound.ChatId, id, notice));
        }
    }

    /// <summary>Every press gets an answer, even when nothing else had one to give.</summary>
    public IReadOnlyList<Outbound> Finish()
    {
        AnswerButton();
        if (_note is { } note)
        {
            _note = null;
            _replies.Add(new SendText(Inbound.ChatId, note));
        }

        return _replies;
    }
}
