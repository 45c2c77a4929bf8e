// A function run by a timer trigger. `user_event` holds the additional information configured
// on the trigger, as a string.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  logger.info(`Timer ${event.trigger_name} fired at ${event.time}`);
  let payload = event.user_event;
  try {
    payload = JSON.parse(event.user_event);
  } catch {
    // plain text is fine too
  }
  return { trigger: event.trigger_name, time: event.time, payload };
};
