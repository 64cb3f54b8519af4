#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "eddy/connectors/file_sink_policies.h"
#include "eddy/connectors/file_sink_writer.h"
#include "eddy/functions/to_string.h"
#include "eddy/functions/two_phase_committing_sink.h"

namespace eddy::connectors {

// Encodes a record as its text and a newline (Flink's SimpleStringEncoder, UTF-8):
// strings as they are, other types by toDisplayString. A template parameter of FileSink,
// so that encoding is a direct call per record.
template <typename T>
struct SimpleStringEncoder {
  void encode(const T& value, std::string& out) const {
    if constexpr (std::is_convertible_v<const T&, std::string_view>) {
      out.append(std::string_view(value));
    } else {
      out += toDisplayString(value);
    }
    out += '\n';
  }
};

// Writes records to part files in buckets under a base directory, exactly once (Flink's
// row-format FileSink). A part file is written hidden as .part-<uuid>-<n>.inprogress.<uuid>;
// when the rolling policy closes it, it waits (pending) for the next checkpoint, and the
// rename to part-<uuid>-<n> makes it visible once that checkpoint completed, so a reader
// never sees data that a failover could take back. After a failover the in-progress file
// is truncated to its checkpointed length and written on. Run it with
// operators::CommittingSinkOperator (DataStream::sinkTo of a TwoPhaseCommittingSink).
//
//   auto sink = FileSink<std::string>::forRowFormat("/data/out", SimpleStringEncoder<std::string>())
//                   .withRollingPolicy(DefaultRollingPolicy::builder().withMaxPartSize(1 << 20).build())
//                   .withBucketAssigner(std::make_shared<BasePathBucketAssigner>())
//                   .withOutputFileConfig(OutputFileConfig::builder().withPartPrefix("prefix").build())
//                   .build();
//
// Only local file systems (plain paths, file://) are supported; Eddy's runtime takes no
// final checkpoint, so the end of input is committed when the sink finishes (see
// FileSinkCommittable). Immutable once built; shared by the parallel writers.
template <typename T, typename Encoder = SimpleStringEncoder<T>>
class FileSink final : public TwoPhaseCommittingSink<T, FileSinkCommittable, FileWriterState> {
 public:
  using Writer = PrecommittingSinkWriter<T, FileSinkCommittable, FileWriterState>;

  // Flink's FileSink.RowFormatBuilder.
  class RowFormatBuilder {
   public:
    RowFormatBuilder(std::string base_path, Encoder encoder) : encoder_(std::move(encoder)) {
      config_.base_path = std::move(base_path);
    }
    RowFormatBuilder& withRollingPolicy(RollingPolicy policy) {
      config_.rolling_policy = policy;
      return *this;
    }
    RowFormatBuilder& withBucketAssigner(std::shared_ptr<const BucketAssigner> assigner) {
      config_.bucket_assigner = std::move(assigner);
      return *this;
    }
    RowFormatBuilder& withOutputFileConfig(OutputFileConfig config) {
      config_.output_file_config = std::move(config);
      return *this;
    }
    RowFormatBuilder& withBucketCheckInterval(int64_t ms) {
      config_.bucket_check_interval_ms = ms;
      return *this;
    }
    std::shared_ptr<FileSink> build() const { return std::shared_ptr<FileSink>(new FileSink(config_, encoder_)); }

   private:
    FileSinkConfig config_;
    Encoder encoder_;
  };

  static RowFormatBuilder forRowFormat(std::string base_path, Encoder encoder = Encoder()) {
    return RowFormatBuilder(std::move(base_path), std::move(encoder));
  }

  Result<std::unique_ptr<Writer>> createWriter(const PrecommittingSinkWriterContext& context) override {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FileWriter> files, FileWriter::create(config_, context, nullptr));
    return std::unique_ptr<Writer>(std::make_unique<RowWriter>(std::move(files), encoder_, context.processing_time));
  }
  Result<std::unique_ptr<Writer>> restoreWriter(const PrecommittingSinkWriterContext& context,
                                                const std::vector<FileWriterState>& states) override {
    EDDY_ASSIGN_OR_RETURN(std::unique_ptr<FileWriter> files, FileWriter::create(config_, context, &states));
    return std::unique_ptr<Writer>(std::make_unique<RowWriter>(std::move(files), encoder_, context.processing_time));
  }
  Result<std::unique_ptr<Committer<FileSinkCommittable>>> createCommitter() override {
    return std::unique_ptr<Committer<FileSinkCommittable>>(std::make_unique<FileCommitter>());
  }
  const SimpleVersionedSerializer<FileSinkCommittable>& getCommittableSerializer() const override {
    return committable_serializer_;
  }
  const SimpleVersionedSerializer<FileWriterState>& getWriterStateSerializer() const override {
    return state_serializer_;
  }

 private:
  FileSink(FileSinkConfig config, Encoder encoder) : config_(std::move(config)), encoder_(std::move(encoder)) {}

  // Encodes each batch into the part file of the batch's bucket, checking the size-based
  // roll before every record as Flink does.
  class RowWriter final : public Writer {
   public:
    RowWriter(std::unique_ptr<FileWriter> files, Encoder encoder, runtime::ProcessingTimeService* time)
        : files_(std::move(files)), encoder_(std::move(encoder)), time_(time) {}

    void write(const T& element, int64_t) override {
      if (files_->discardsRecords()) return;
      int64_t now = time_->getCurrentProcessingTime();
      check(files_->beginBatch(now));
      append(element, now);
      check(files_->endBatch(now));
    }
    void writeBatch(const runtime::RecordBatch<T>& batch) override {
      if (files_->discardsRecords() || batch.size() == 0) return;
      int64_t now = time_->getCurrentProcessingTime();
      check(files_->beginBatch(now));
      for (const T& value : batch.values) append(value, now);
      check(files_->endBatch(now));
    }
    void flush(bool end_of_input) override { files_->flush(end_of_input); }
    Result<std::vector<FileSinkCommittable>> prepareCommit() override { return files_->prepareCommit(); }
    Result<std::vector<FileWriterState>> snapshotState(int64_t) override { return files_->snapshotState(); }

   private:
    static void check(const Status& status) {
      if (!status.ok()) throw std::runtime_error(status.toString());
    }
    void append(const T& value, int64_t now) {
      if (files_->shouldRollOnEvent()) check(files_->rollActivePart(now));
      encoder_.encode(value, files_->buffer());
    }

    std::unique_ptr<FileWriter> files_;
    Encoder encoder_;
    runtime::ProcessingTimeService* time_;
  };

  FileSinkConfig config_;
  Encoder encoder_;
  FileSinkCommittableSerializer committable_serializer_;
  FileWriterStateSerializer state_serializer_;
};

}  // namespace eddy::connectors
