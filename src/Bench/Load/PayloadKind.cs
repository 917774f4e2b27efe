namespace KEchoBench.Bench.Load;

/// <summary>What the messages contain.</summary>
public enum PayloadKind
{
    /// <summary>Fixed-size messages cut from a byte stream that is different for every connection.</summary>
    Pattern,

    /// <summary>The original experiment's lines: <c>Telnet No.&lt;client&gt;,Write No&lt;i&gt;\n</c>.</summary>
    Telnet,

    /// <summary>kecho bench.c's message: the 13 bytes <c>dummy message</c>, the same on every connection.</summary>
    Dummy,
}
