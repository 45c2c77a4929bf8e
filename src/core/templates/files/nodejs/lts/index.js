// A function subscribed to LTS logs. `lts.data` is base64 of a JSON object whose `logs` field is
// itself a JSON array of log entries.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  const data = JSON.parse(Buffer.from(event.lts.data, 'base64').toString('utf8'));
  const logs = JSON.parse(data.logs);
  for (const entry of logs) logger.info(`${entry.host_name} ${entry.path}: ${entry.message}`);
  return { logGroup: data.log_group_id, logTopic: data.log_topic_id, lines: logs.length };
};
