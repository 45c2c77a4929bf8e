<?php
// A function run by a message queue trigger (DMS for Kafka, open-source Kafka, RocketMQ,
// RabbitMQ). Messages arrive in batches, as strings, grouped by topic.

function handler($event, $context)
{
    $logger = $context->getLogger();
    $count = 0;
    foreach (isset($event->records) ? $event->records : [] as $record) {
        foreach (isset($record->messages) ? $record->messages : [] as $message) {
            $count++;
            $logger->info(sprintf('%s %s: %s', $event->trigger_type, $record->topic_id, $message));
        }
    }
    return ['trigger' => $event->trigger_type, 'instance' => $event->instance_id, 'messages' => $count];
}
