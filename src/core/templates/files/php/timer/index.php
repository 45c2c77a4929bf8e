<?php
// A function run by a timer trigger. `user_event` holds the additional information configured on
// the trigger, as a string.

function handler($event, $context)
{
    $context->getLogger()->info('Timer ' . $event->trigger_name . ' fired at ' . $event->time);
    $payload = isset($event->user_event) ? $event->user_event : null;
    $decoded = is_string($payload) ? json_decode($payload) : null;
    if ($decoded !== null) {
        $payload = $decoded; // plain text is fine too
    }
    return ['trigger' => $event->trigger_name, 'time' => $event->time, 'payload' => $payload];
}
