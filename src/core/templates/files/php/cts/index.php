<?php
// A function run for Cloud Trace Service audit records: who did what to which resource.

function handler($event, $context)
{
    $trace = $event->cts;
    $who = isset($trace->user->name) ? $trace->user->name : 'unknown';
    $context->getLogger()->info(sprintf('%s %s on %s %s %s', $who, $trace->trace_name, $trace->service_type, $trace->resource_type, $trace->resource_name));
    return [
        'user' => $who,
        'operation' => $trace->trace_name,
        'service' => $trace->service_type,
        'resource' => $trace->resource_name,
        'status' => $trace->trace_status,
    ];
}
