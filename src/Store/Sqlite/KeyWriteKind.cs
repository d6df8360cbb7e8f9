namespace Orchestrator.Store.Sqlite;

internal enum KeyWriteKind
{
    Create,
    Update,
    Delete,
}
