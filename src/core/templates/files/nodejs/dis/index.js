// A function run for DIS stream records. Each record's data is base64.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  const records = (event.Message.records || []).map((record) => {
    const data = Buffer.from(record.data, 'base64').toString('utf8');
    logger.info(`${event.StreamName} #${record.sequence_number} (${record.partition_key}): ${data}`);
    return { sequence: record.sequence_number, partitionKey: record.partition_key, data };
  });
  return { stream: event.StreamName, records };
};
