<?php
// A function run when objects change in an OBS bucket. Each record names the bucket, the object
// key and its size; fetch the object with the OBS SDK if you need its content.

function handler($event, $context)
{
    $logger = $context->getLogger();
    $objects = [];
    foreach (isset($event->Records) ? $event->Records : [] as $record) {
        $bucket = $record->s3->bucket->name;
        $object = $record->s3->object;
        $logger->info(sprintf('%s: obs://%s/%s (%s bytes)', $record->eventName, $bucket, $object->key, $object->size));
        $objects[] = ['event' => $record->eventName, 'bucket' => $bucket, 'key' => urldecode($object->key), 'size' => $object->size];
    }
    return ['processed' => count($objects), 'objects' => $objects];
}
