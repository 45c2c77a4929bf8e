<?php
// A FunctionGraph event function. The platform calls `handler` with the decoded test event (JSON
// objects arrive as PHP objects: $event->name) and a context: request ID, remaining time,
// environment variables, a logger, and more. Arrays you return are sent as JSON.

function handler($event, $context)
{
    $logger = $context->getLogger();
    $logger->info($context->getFunctionName() . ' received request ' . $context->getRequestID());
    return [
        'message' => 'Hello from FunctionGraph!',
        'event' => $event,
    ];
}
