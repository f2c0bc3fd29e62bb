using System.Text.Json;
using ModelSync.Hashing;
using ModelSync.Manifests;
using ModelSync.Paths;
using static ModelSync.Tests.Support.Entries;

namespace ModelSync.Tests.Manifests;

/// <summary>The manifest written through a Utf8JsonWriter of its own is the serializer's text, byte for byte, whatever the names.</summary>
public sealed class ManifestWriteToTests
{
    private const string H1 = "1111111111111111111111111111111111111111111111111111111111111111";

    [Theory]
    [InlineData("tokenizer+vocab<en>&'\".json")]
    [InlineData("модель/ウェイト\u00e9.bin")]
    [InlineData("tab\there\u2028\u0001")]
    public void AnyNameIsWrittenAsTheSerializerWritesIt(string name)
    {
        string notUtf8 = PathBytes.Decode([(byte)'w', 0xff, (byte)'+']);
        foreach (var names in new[] { new[] { name }, new[] { name, notUtf8 } })
        {
            var manifest = ModelManifest.Create(Tree([.. names.Select(n => File(n, 7))]), names.ToDictionary(n => n, _ => H1), HashFunction.Sha256,
                "höst<1>", "/src/ü+");
            var files = manifest.Files.Select(f => f.ToJson()).ToList();
            var format = files.Any(f => f.PathBase64 is not null) ? ModelManifest.BytesFormat : manifest.FormatVersion;

            var expected = JsonSerializer.SerializeToUtf8Bytes(manifest with { FormatVersion = format, Files = files }, ManifestJson.Default.ModelManifest);

            Assert.Equal(expected, manifest.SerializeToUtf8());
            Assert.Equal(names.Order(StringComparer.Ordinal), ModelManifest.Read(manifest.SerializeToUtf8()).Manifest!.Files.Select(f => f.Path).Order(StringComparer.Ordinal));
        }
    }
}
