<?php
// A function subscribed to an SMN topic. Each record carries one notification.

function handler($event, $context)
{
    $logger = $context->getLogger();
    $messages = [];
    foreach (isset($event->record) ? $event->record : [] as $record) {
        $smn = $record->smn;
        $logger->info(sprintf('SMN message "%s" from %s', $smn->subject, $smn->topic_urn));
        $messages[] = ['subject' => $smn->subject, 'message' => $smn->message, 'topic' => $smn->topic_urn];
    }
    return ['received' => count($messages), 'messages' => $messages];
}
