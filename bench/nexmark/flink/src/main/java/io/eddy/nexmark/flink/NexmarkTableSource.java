package io.eddy.nexmark.flink;

import io.eddy.nexmark.NexmarkGenerator;
import org.apache.flink.table.connector.ChangelogMode;
import org.apache.flink.table.connector.source.DynamicTableSource;
import org.apache.flink.table.connector.source.ScanTableSource;
import org.apache.flink.table.connector.source.SourceProvider;

/** The scan side of 'connector' = 'nexmark': an insert-only NexmarkSource. */
final class NexmarkTableSource implements ScanTableSource {
  private final NexmarkGenerator.Config config;
  private final EventRowConverter converter;

  NexmarkTableSource(NexmarkGenerator.Config config, EventRowConverter converter) {
    this.config = config;
    this.converter = converter;
  }

  @Override
  public ChangelogMode getChangelogMode() {
    return ChangelogMode.insertOnly();
  }

  @Override
  public ScanRuntimeProvider getScanRuntimeProvider(ScanContext context) {
    return SourceProvider.of(new NexmarkSource(config, converter));
  }

  @Override
  public DynamicTableSource copy() {
    return new NexmarkTableSource(config.copy(), converter);
  }

  @Override
  public String asSummaryString() {
    return "Nexmark";
  }
}
