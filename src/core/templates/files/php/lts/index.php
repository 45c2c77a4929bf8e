<?php
// A function subscribed to LTS logs. `lts.data` is base64 of a JSON object whose `logs` field is
// itself a JSON array of log entries.

function handler($event, $context)
{
    $logger = $context->getLogger();
    $data = json_decode(base64_decode($event->lts->data));
    $logs = json_decode($data->logs);
    foreach ($logs as $entry) {
        $logger->info(sprintf('%s %s: %s', $entry->host_name, $entry->path, $entry->message));
    }
    return ['logGroup' => $data->log_group_id, 'logTopic' => $data->log_topic_id, 'lines' => count($logs)];
}
