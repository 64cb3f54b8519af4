package io.eddy.nexmark.flink;

import java.util.HashSet;
import java.util.Set;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.factories.DynamicTableSourceFactory;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.types.logical.RowType;

/**
 * Finds the Nexmark source by 'connector' = 'nexmark' (registered in
 * META-INF/services/org.apache.flink.table.factories.Factory), validates the options and the
 * table's columns, and fixes the base time when the table is planned if none is given.
 */
public final class NexmarkTableSourceFactory implements DynamicTableSourceFactory {
  @Override
  public String factoryIdentifier() {
    return "nexmark";
  }

  @Override
  public Set<ConfigOption<?>> requiredOptions() {
    return Set.of();
  }

  @Override
  public Set<ConfigOption<?>> optionalOptions() {
    return new HashSet<>(NexmarkOptions.ALL);
  }

  @Override
  public DynamicTableSource createDynamicTableSource(Context context) {
    FactoryUtil.TableFactoryHelper helper = FactoryUtil.createTableFactoryHelper(this, context);
    helper.validate();
    RowType rowType = (RowType) context.getPhysicalRowDataType().getLogicalType();
    return new NexmarkTableSource(
        NexmarkOptions.toConfig(helper.getOptions()), EventRowConverter.forRowType(rowType));
  }
}
