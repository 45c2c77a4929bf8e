// A function run for DDS (document database) changes. Documents and namespaces arrive as JSON text.
exports.handler = async (event, context) => {
  const logger = context.getLogger();
  const changes = (event.records || []).map((record) => {
    const ns = JSON.parse(record.dds.ns);
    const document = JSON.parse(record.dds.full_document);
    logger.info(`${record.event_name} in ${ns.db}.${ns.coll}`);
    return { operation: record.event_name, database: ns.db, collection: ns.coll, document };
  });
  return { changes };
};
