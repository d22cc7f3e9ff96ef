package org.acme.math;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import java.util.Map;
import org.acme.transport.testing.SharedBrokers;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/** What the brokers hold after a service stopped: messages back in a queue, records a group has not committed. */
final class BrokerState {

  private BrokerState() {
  }

  /** Messages ready in a RabbitMQ queue (none being delivered: nobody consumes it now). */
  static int ready(String queue) throws Exception {
    try (Connection connection = SharedBrokers.rabbit(); Channel channel = connection.createChannel()) {
      return channel.queueDeclarePassive(queue).getMessageCount();
    }
  }

  /** Records of the topic's first partition past the group's committed offset (all of them, if it committed none). */
  static long uncommitted(String group, String topic) throws Exception {
    TopicPartition partition = new TopicPartition(topic, 0);
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaTestTopics.BOOTSTRAP))) {
      OffsetAndMetadata committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().get(partition);
      long end = admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition).get().offset();
      return end - (committed == null ? 0 : committed.offset());
    }
  }
}
