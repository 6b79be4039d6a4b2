namespace AsnBot.Data;

/// <summary>What kind of storage failure an exception is, in terms every provider can map its error codes to.</summary>
public enum StorageFault
{
    /// <summary>Busy or locked: another connection or process holds the write lock. Clears by itself.</summary>
    Locked,

    /// <summary>No space left to write the data. Clears once space is freed.</summary>
    Full,

    /// <summary>The data can be read but not written (file, folder, mount or server in read-only mode).</summary>
    ReadOnly,

    /// <summary>The storage cannot be reached or read right now (I/O error, cannot open, out of memory).</summary>
    Unavailable,

    /// <summary>Any other storage error (a broken constraint, say): the same statement fails the same way again.</summary>
    Other,
}

/// <summary>A storage failure as the data project reads it: its kind, and a line for the log that says it plainly.</summary>
public sealed record StorageError(StorageFault Fault, string Explanation)
{
    /// <summary>Whether the failure clears without a change to the data: the work is worth trying again later.</summary>
    public bool IsTransient => Fault != StorageFault.Other;
}
