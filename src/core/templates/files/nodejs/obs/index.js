// A function run when objects change in an OBS bucket. Each record names the bucket, the object
// key and its size; fetch the object with the OBS SDK if you need its content.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  const objects = (event.Records || []).map((record) => {
    const { bucket, object } = record.s3;
    logger.info(`${record.eventName}: obs://${bucket.name}/${object.key} (${object.size} bytes)`);
    return { event: record.eventName, bucket: bucket.name, key: decodeURIComponent(object.key), size: object.size };
  });
  return { processed: objects.length, objects };
};
