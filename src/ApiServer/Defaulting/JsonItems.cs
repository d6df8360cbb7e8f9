using System.Collections;

namespace Orchestrator.ApiServer.Defaulting;

/// <summary>
/// The objects of one JSON array with their indexes (<see cref="JsonFields.Items"/>), skipping items that are not objects.
/// A struct with a struct enumerator, so <c>foreach</c> allocates nothing; LINQ sees an ordinary sequence.
/// </summary>
internal readonly struct JsonItems(JsonArray? array) : IEnumerable<(int Index, JsonObject Item)>
{
    public Enumerator GetEnumerator() => new(array);

    IEnumerator<(int Index, JsonObject Item)> IEnumerable<(int Index, JsonObject Item)>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <summary>Walks the array by index, as it is at each step.</summary>
    public struct Enumerator(JsonArray? array) : IEnumerator<(int Index, JsonObject Item)>
    {
        private int _index = -1;

        public (int Index, JsonObject Item) Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (array is null)
            {
                return false;
            }

            while (++_index < array.Count)
            {
                if (array[_index] is JsonObject item)
                {
                    Current = (_index, item);
                    return true;
                }
            }

            return false;
        }

        public void Reset() => _index = -1;

        public readonly void Dispose()
        {
        }
    }
}
