<?php
// A function run for DDS (document database) changes. Documents and namespaces arrive as JSON text.

function handler($event, $context)
{
    $logger = $context->getLogger();
    $changes = [];
    foreach (isset($event->records) ? $event->records : [] as $record) {
        $ns = json_decode($record->dds->ns);
        $document = json_decode($record->dds->full_document);
        $logger->info(sprintf('%s in %s.%s', $record->event_name, $ns->db, $ns->coll));
        $changes[] = ['operation' => $record->event_name, 'database' => $ns->db, 'collection' => $ns->coll, 'document' => $document];
    }
    return ['changes' => $changes];
}
