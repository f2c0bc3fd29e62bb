namespace ModelSync.IntegrationTests.Fixtures;

/// <summary>
/// Two independent sshd servers on loopback — separate ports, host keys, client keys and roots — so that a copy
/// from one to the other has a real source and a real target.
/// </summary>
public sealed class TwoServersFixture : IAsyncLifetime
{
    public SshdFixture First { get; } = new();

    public SshdFixture Second { get; } = new();

    public Task InitializeAsync() => Task.WhenAll(First.InitializeAsync(), Second.InitializeAsync());

    public async Task DisposeAsync()
    {
        await First.DisposeAsync();
        await Second.DisposeAsync();
    }
}

/// <summary>Tests in this collection share the two servers.</summary>
[CollectionDefinition("two-sshd")]
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711:Identifiers should not have incorrect suffix", Justification = "xunit collection definition naming.")]
public sealed class TwoServersCollection : ICollectionFixture<TwoServersFixture>
{
}
