<?php
// A function run for DIS stream records. Each record's data is base64.

function handler($event, $context)
{
    $logger = $context->getLogger();
    $records = [];
    foreach (isset($event->Message->records) ? $event->Message->records : [] as $record) {
        $data = base64_decode($record->data);
        $logger->info(sprintf('%s #%s (%s): %s', $event->StreamName, $record->sequence_number, $record->partition_key, $data));
        $records[] = ['sequence' => $record->sequence_number, 'partitionKey' => $record->partition_key, 'data' => $data];
    }
    return ['stream' => $event->StreamName, 'records' => $records];
}
