// A function subscribed to an SMN topic. Each record carries one notification.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  const messages = (event.record || []).map((record) => {
    const { subject, message, topic_urn: topic } = record.smn;
    logger.info(`SMN message "${subject}" from ${topic}`);
    return { subject, message, topic };
  });
  return { received: messages.length, messages };
};
