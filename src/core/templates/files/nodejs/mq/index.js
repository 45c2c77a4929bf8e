// A function run by a message queue trigger (DMS for Kafka, open-source Kafka, RocketMQ,
// RabbitMQ). Messages arrive in batches, as strings, grouped by topic.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  let count = 0;
  for (const record of event.records || []) {
    for (const message of record.messages || []) {
      count += 1;
      logger.info(`${event.trigger_type} ${record.topic_id}: ${message}`);
    }
  }
  return { trigger: event.trigger_type, instance: event.instance_id, messages: count };
};
