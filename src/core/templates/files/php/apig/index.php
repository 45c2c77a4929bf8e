<?php
// An API Gateway (APIG) backend. APIG passes the HTTP request as the event; the function must
// answer in the gateway's format {statusCode, headers, body, isBase64Encoded}, or APIG replies 500.

function handler($event, $context)
{
    $raw = isset($event->body) ? (string) $event->body : '';
    $text = !empty($event->isBase64Encoded) ? base64_decode($raw) : $raw;
    $method = isset($event->httpMethod) ? $event->httpMethod : '';
    $path = isset($event->path) ? $event->path : '';
    $context->getLogger()->info(sprintf('%s %s (%d bytes)', $method, $path, strlen($text)));

    $reply = [
        'method' => $method,
        'path' => $path,
        'query' => isset($event->queryStringParameters) ? $event->queryStringParameters : new stdClass(),
        'pathParameters' => isset($event->pathParameters) ? $event->pathParameters : new stdClass(),
        'body' => $text,
    ];
    return [
        'statusCode' => 200,
        'headers' => ['Content-Type' => 'application/json'],
        'body' => json_encode($reply),
        'isBase64Encoded' => false,
    ];
}
