using System.Text.RegularExpressions;
using ModelSync.Errors;
using ModelSync.Tests.Support;

namespace ModelSync.Tests.Architecture;

/// <summary>
/// The library's top-level folders (namespaces) depend on each other one way only: a cycle means neither side can
/// be read, tested or moved without the other. A dependency is a <c>using ModelSync.X</c> line or a reference
/// qualified as <c>X.Type</c> / <c>ModelSync.X.Type</c> in src/ModelSync.
/// </summary>
public sealed partial class FolderDependencyTests
{
    [Fact]
    public void NoCycleJoinsTheTopLevelFoldersOfTheLibrary()
    {
        var graph = LibraryGraph();

        var cycles = FolderGraph.Cycles(graph.Keys);

        Assert.True(cycles.Count == 0, "folders that depend on each other:\n" + string.Join('\n', cycles.Select(c => Describe(c, graph))));
    }

    [Fact]
    public void ACycleIsFoundWithEveryFolderOnItAndAOneWayChainIsNot()
    {
        (string, string)[] edges = [("A", "B"), ("B", "C"), ("C", "A"), ("C", "D"), ("D", "E")];

        var cycles = FolderGraph.Cycles(edges);

        Assert.Equal(["A", "B", "C"], Assert.Single(cycles));
        Assert.Empty(FolderGraph.Cycles(edges.Where(e => e != ("C", "A"))));
    }

    [Fact]
    public void UsingsAndQualifiedTypeNamesAreDependenciesAndAPropertyOrTheOwnFolderIsNot()
    {
        const string source = """
            using System.Text;
            using ModelSync.Paths;
            using static ModelSync.Remotes.RemoteShell;

            namespace ModelSync.Operations.Fleet;

            public static class Sample
            {
                public static string Name => Text.Human.Bytes(1) + Config.Alias + Operations.Endpoint.Name;
            }
            """;

        var found = SourceDependencies.Of(source, LibraryNamespaces.Value).ToList();

        Assert.Equal("Operations", found[0].From);
        Assert.Equal(["Paths", "Remotes", "Text"], found.Select(d => d.To).Distinct().Order(StringComparer.Ordinal));
    }

    private static readonly Lazy<HashSet<string>> LibraryNamespaces = new(() =>
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var type in typeof(ModelSyncException).Assembly.GetTypes())
        {
            if (type.Namespace is not { } ns || !ns.StartsWith("ModelSync.", StringComparison.Ordinal)) continue;
            names.Add(ns);
            if (!type.IsNested) names.Add(ns + "." + type.Name.Split('`')[0]);
            for (var dot = ns.LastIndexOf('.'); dot > "ModelSync".Length; dot = ns.LastIndexOf('.', dot - 1)) names.Add(ns[..dot]);
        }
        return names;
    });

    /// <summary>Each dependency between two folders, with the files that make it.</summary>
    private static Dictionary<(string From, string To), SortedSet<string>> LibraryGraph()
    {
        var root = Path.Combine(RepoFiles.Root, "src", "ModelSync");
        var graph = new Dictionary<(string, string), SortedSet<string>>();
        foreach (var file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(root, file).Replace('\\', '/');
            if (relative.StartsWith("bin/", StringComparison.Ordinal) || relative.StartsWith("obj/", StringComparison.Ordinal)) continue;
            foreach (var (from, to) in SourceDependencies.Of(File.ReadAllText(file), LibraryNamespaces.Value))
            {
                if (!graph.TryGetValue((from, to), out var files)) graph[(from, to)] = files = new SortedSet<string>(StringComparer.Ordinal);
                files.Add(relative);
            }
        }
        return graph;
    }

    private static string Describe(IReadOnlyList<string> cycle, Dictionary<(string From, string To), SortedSet<string>> graph) =>
        "  " + string.Join(", ", cycle) + ":\n" + string.Join('\n', graph
            .Where(e => cycle.Contains(e.Key.From) && cycle.Contains(e.Key.To))
            .OrderBy(e => e.Key.From, StringComparer.Ordinal).ThenBy(e => e.Key.To, StringComparer.Ordinal)
            .Select(e => $"    {e.Key.From} -> {e.Key.To}: {string.Join(", ", e.Value)}"));

    /// <summary>The top-level folders one source file depends on, other than its own.</summary>
    private static partial class SourceDependencies
    {
        public static IEnumerable<(string From, string To)> Of(string source, HashSet<string> namespaces)
        {
            if (OwnNamespace().Match(source) is not { Success: true } own) yield break;
            var from = own.Groups[1].Value;
            var seen = new HashSet<string>(StringComparer.Ordinal) { from };
            foreach (Match use in Using().Matches(source))
                if (seen.Add(use.Groups[1].Value)) yield return (from, use.Groups[1].Value);
            // X.Name counts only when ModelSync.X.Name is a namespace or type, so a property such as Config.Alias is not one.
            foreach (Match reference in Qualified().Matches(source))
            {
                var (folder, name) = (reference.Groups[1].Value, reference.Groups[2].Value);
                if (namespaces.Contains($"ModelSync.{folder}.{name}") && seen.Add(folder)) yield return (from, folder);
            }
        }

        [GeneratedRegex(@"^\s*namespace\s+ModelSync\.(\w+)", RegexOptions.Multiline)]
        private static partial Regex OwnNamespace();

        [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?ModelSync\.(\w+)", RegexOptions.Multiline)]
        private static partial Regex Using();

        [GeneratedRegex(@"(?<![\w.])(?:global::)?(?:ModelSync\.)?([A-Z]\w*)\.([A-Z]\w*)")]
        private static partial Regex Qualified();
    }

    /// <summary>Folders that reach each other (strongly connected components, Tarjan's algorithm), each sorted.</summary>
    private static class FolderGraph
    {
        public static List<List<string>> Cycles(IEnumerable<(string From, string To)> edges)
        {
            var next = edges.GroupBy(e => e.From, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(e => e.To).ToList(), StringComparer.Ordinal);
            var index = new Dictionary<string, int>(StringComparer.Ordinal);
            var low = new Dictionary<string, int>(StringComparer.Ordinal);
            var stack = new Stack<string>();
            var cycles = new List<List<string>>();

            void Visit(string node)
            {
                index[node] = low[node] = index.Count;
                stack.Push(node);
                foreach (var to in next.GetValueOrDefault(node) ?? [])
                {
                    if (index.TryGetValue(to, out var seen))
                    {
                        if (stack.Contains(to)) low[node] = Math.Min(low[node], seen);
                    }
                    else
                    {
                        Visit(to);
                        low[node] = Math.Min(low[node], low[to]);
                    }
                }
                if (low[node] != index[node]) return;
                var component = new List<string>();
                string member;
                do component.Add(member = stack.Pop());
                while (member != node);
                if (component.Count > 1) cycles.Add([.. component.Order(StringComparer.Ordinal)]);
            }

            foreach (var node in next.Keys.Order(StringComparer.Ordinal))
                if (!index.ContainsKey(node)) Visit(node);
            return cycles;
        }
    }
}
